package io.stagesync.connector.netsuite;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Reads an unencrypted PKCS#8 PEM RSA private key. Stateless and thread-safe. */
final class Pem {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private Pem() {
    }

    /**
     * The key in {@code pem}.
     *
     * @throws IllegalArgumentException when it is not an unencrypted PKCS#8 RSA key; the message
     *     never contains key material
     */
    static RSAPrivateKey rsaPrivateKey(String pem) {
        String problem = problemWithRsaPrivateKey(pem);
        if (problem != null) {
            throw new IllegalArgumentException("The private key " + problem);
        }
        return parse(pem);
    }

    /** Why {@code pem} is not a usable key (a phrase such as "must be …"), or null when it is. */
    static String problemWithRsaPrivateKey(String pem) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            return "is PKCS#1; convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem";
        }
        if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            return "is encrypted; give the unencrypted PKCS#8 key (openssl pkcs8 -topk8 -nocrypt)";
        }
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            return "must be PEM text between " + BEGIN + " and " + END;
        }
        try {
            parse(pem);
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a readable PKCS#8 RSA private key (" + e.getMessage() + ")";
        }
    }

    private static RSAPrivateKey parse(String pem) {
        int begin = pem.indexOf(BEGIN) + BEGIN.length();
        String base64 = pem.substring(begin, pem.indexOf(END)).replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA key in PKCS#8 form", e);
        }
    }
}
