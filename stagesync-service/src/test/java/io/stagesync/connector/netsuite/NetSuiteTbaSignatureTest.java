package io.stagesync.connector.netsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@link TbaSigner} against the known-answer vector of shared/reference/test-vectors.md (computed with openssl). */
class NetSuiteTbaSignatureTest {
    private static final Clock AT_1700000000 = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    private final TbaSigner signer = new TbaSigner("1234567_SB1", "ck-4f1e", "cs-secret+1", "tk-9a2b", "ts/secret=2",
            AT_1700000000, () -> "n0nce42");

    @Test
    void knownAnswerVectorMatchesExactly() {
        TbaSigner.SignedRequest signed = signer.sign("POST",
                "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql?limit=1000&offset=0");

        assertThat(signed.baseString()).isEqualTo("POST&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com"
                + "%2Fservices%2Frest%2Fquery%2Fv1%2Fsuiteql&limit%3D1000%26oauth_consumer_key%3Dck-4f1e"
                + "%26oauth_nonce%3Dn0nce42%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000"
                + "%26oauth_token%3Dtk-9a2b%26oauth_version%3D1.0%26offset%3D0");
        assertThat(signed.signingKey()).isEqualTo("cs-secret%2B1&ts%2Fsecret%3D2");
        assertThat(signed.signature()).isEqualTo("6BQp4dl40FQ+opsHCP4yHTt/LhwtM+pJiNmKWBEO3iQ=");
        assertThat(signed.authorizationHeader()).isEqualTo("OAuth realm=\"1234567_SB1\", oauth_consumer_key=\"ck-4f1e\", "
                + "oauth_token=\"tk-9a2b\", oauth_signature_method=\"HMAC-SHA256\", oauth_timestamp=\"1700000000\", "
                + "oauth_nonce=\"n0nce42\", oauth_version=\"1.0\", "
                + "oauth_signature=\"6BQp4dl40FQ%2BopsHCP4yHTt%2FLhwtM%2BpJiNmKWBEO3iQ%3D\"");
        assertThat(signer.authorization("POST",
                "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql?limit=1000&offset=0"))
                .isEqualTo(signed.authorizationHeader());
    }

    @Test
    void settingsGiveTheRealmUpperCaseWithUnderscoreAndTheSameSignature() {
        NetSuiteSettings settings = NetSuiteSettings.from(java.util.Map.of(
                NetSuiteSettings.KEY_ACCOUNT_ID, "1234567-sb1",
                NetSuiteSettings.KEY_TBA_CONSUMER_KEY, "ck-4f1e",
                NetSuiteSettings.KEY_TBA_CONSUMER_SECRET, "cs-secret+1",
                NetSuiteSettings.KEY_TBA_TOKEN_ID, "tk-9a2b",
                NetSuiteSettings.KEY_TBA_TOKEN_SECRET, "ts/secret=2"));
        String url = settings.baseUrl() + "/services/rest/query/v1/suiteql?limit=1000&offset=0";

        String header = TbaSigner.of(settings, AT_1700000000, () -> "n0nce42").authorization("POST", url);

        assertThat(header).startsWith("OAuth realm=\"1234567_SB1\", ")
                .endsWith("oauth_signature=\"6BQp4dl40FQ%2BopsHCP4yHTt%2FLhwtM%2BpJiNmKWBEO3iQ%3D\"");
    }

    @Test
    void realmIsNotPartOfTheSignature() {
        TbaSigner otherRealm = new TbaSigner("7654321", "ck-4f1e", "cs-secret+1", "tk-9a2b", "ts/secret=2",
                AT_1700000000, () -> "n0nce42");
        String url = "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql?limit=1000&offset=0";

        assertThat(otherRealm.sign("POST", url).signature()).isEqualTo(signer.sign("POST", url).signature());
    }

    @Test
    void baseUriLowerCasesSchemeAndHostDropsTheDefaultPortAndKeepsOthers() {
        String path = "/services/rest/record/v1/customer/647";
        assertThat(signer.sign("get", "HTTPS://1234567-SB1.suitetalk.api.netsuite.com:443" + path).baseString())
                .startsWith("GET&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord"
                        + "%2Fv1%2Fcustomer%2F647&oauth_consumer_key");
        assertThat(signer.sign("GET", "http://localhost:8089" + path).baseString())
                .startsWith("GET&http%3A%2F%2Flocalhost%3A8089%2Fservices%2F");
    }

    @Test
    void queryParametersAreDecodedReEncodedPerRfc3986AndSortedByNameThenValue() {
        // RFC 5849 §3.4.1.3.2: "a=2&a=1" sorts by value; '+' in a query is a space, sent again as %20;
        // '*' and '~' follow RFC 3986 (encoded, kept).
        String base = signer.sign("GET", "https://h.example/p?b=x%2Ay&a=2&a=1&c=one+two&d=~").baseString();

        assertThat(base).isEqualTo("GET&https%3A%2F%2Fh.example%2Fp&a%3D1%26a%3D2%26b%3Dx%252Ay%26c%3Done%2520two"
                + "%26d%3D~%26oauth_consumer_key%3Dck-4f1e%26oauth_nonce%3Dn0nce42"
                + "%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dtk-9a2b"
                + "%26oauth_version%3D1.0");
    }

    @Test
    void percentEncodedPathIsSignedAsSent() {
        String base = signer.sign("PUT", "https://h.example/services/rest/record/v1/customer/eid:SF%2F001%20a").baseString();

        assertThat(base).startsWith("PUT&https%3A%2F%2Fh.example%2Fservices%2Frest%2Frecord%2Fv1%2Fcustomer%2Feid%3ASF%252F001%2520a&");
    }

    @Test
    void secureRandomNoncesAreLongAndDoNotRepeat() {
        var nonces = TbaSigner.secureRandomNonces();
        String first = nonces.get();
        assertThat(first).hasSize(32).matches("[A-Za-z0-9]+");
        assertThat(nonces.get()).isNotEqualTo(first);
    }

    @Test
    void toStringOfASignedRequestHidesTheKey() {
        TbaSigner.SignedRequest signed = signer.sign("GET", "https://h.example/p");
        assertThat(signed.toString()).doesNotContain("cs-secret").doesNotContain("ts%2Fsecret");
    }
}
