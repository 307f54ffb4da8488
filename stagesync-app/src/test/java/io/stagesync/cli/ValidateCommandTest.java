package io.stagesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stagesync validate}: a one-line summary for the shipped config, every error for broken ones. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    private Path copyOfShippedConfig() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.copy(Path.of("config/stage-model.yaml"), config.resolve("stage-model.yaml"));
        Files.copy(Path.of("config/application.properties"), config.resolve("application.properties"));
        return config;
    }

    @Test
    void theShippedConfigIsValid() {
        CliRun run = CliRun.of("validate", "--config", "config");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().strip()).isEqualTo("config is valid: 11 stages, 4 teams, 14 transitions (15 rules), "
                + "9 targets, 9 stage mappings, 9 object mappings; connectors: none");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void errorsInBothFilesAreAllReportedWithFileAndLine() throws IOException {
        Path config = copyOfShippedConfig();
        Path model = config.resolve("stage-model.yaml");
        Files.writeString(model, Files.readString(model).replace("when: owner != \"\"", "when: ownerId != \"\"")
                .replace("  - team: MARKETING\n", "  - team: MARKETEERS\n"));
        Path properties = config.resolve("application.properties");
        Files.writeString(properties, Files.readString(properties).replace("stagesync.store.pool-size=5",
                "stagesync.store.pool-size=500\nstagesync.store.pasword=x"));

        CliRun run = CliRun.of("validate", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains(model + ":")
                .contains("field 'ownerId' is not declared under fields:")
                .contains("target for unknown team 'MARKETEERS'")
                .contains(properties + ":12: stagesync.store.pool-size: must be between 1 and 100 (got \"500\")")
                .contains(properties + ":13: stagesync.store.pasword: unknown setting")
                .contains("4 configuration error(s) in " + config);
    }

    @Test
    void aLiteralSecretIsRefusedAndNotEchoed() throws IOException {
        Path config = copyOfShippedConfig();
        Files.writeString(config.resolve("application.properties"), "stagesync.store.password=hunter2-literal\n");

        CliRun run = CliRun.of("validate", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("stagesync.store.password: a secret must not be written in config")
                .doesNotContain("hunter2");
    }

    @Test
    void aSecretReferenceToAMissingVariableIsNamed() throws IOException {
        Path config = copyOfShippedConfig();
        Files.writeString(config.resolve("application.properties"),
                "stagesync.store.jdbc-url=jdbc:postgresql://127.0.0.1:5432/test\nstagesync.store.password=${env:STAGESYNC_TEST_NOPE}\n");

        CliRun run = CliRun.of(Map.of(), "validate", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains(":2: stagesync.store.password: environment variable STAGESYNC_TEST_NOPE is not set");
    }

    @Test
    void aConnectorThisBuildCannotRunIsAnError() {
        CliRun run = CliRun.of(Map.of("STAGESYNC_CONNECTORS", "hubspot"), "validate", "--config", "config");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("connector 'hubspot' is not available in this build (available: eloqua, netsuite, pardot, salesforce)");
    }

    @Test
    void anEnabledConnectorWithoutItsSettingsNamesEveryMissingKeyWithItsLine() throws IOException {
        Path config = copyOfShippedConfig();
        Path properties = config.resolve("application.properties");
        Files.writeString(properties, """
                stagesync.connectors=salesforce,netsuite
                stagesync.netsuite.account-id=1234567_SB1
                stagesync.netsuite.tba.consumer-secret=plain-text-secret
                stagesync.resilience.netsuite.max-attempts=50
                """);

        CliRun run = CliRun.of(Map.of(), "validate", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err())
                .contains(properties + ": stagesync.salesforce.client-id: is required")
                .contains(properties + ":3: stagesync.netsuite.tba.consumer-secret: a secret must not be written in config")
                .doesNotContain("plain-text-secret");
    }

    @Test
    void bothMarketingConnectorsWithTheirSettingsAreValidAndMissingOnesAreNamed() throws IOException {
        Path config = copyOfShippedConfig();
        Path properties = config.resolve("application.properties");
        Files.writeString(properties, """
                stagesync.connectors=pardot,eloqua
                stagesync.pardot.auth-type=password
                stagesync.pardot.client-id=example-consumer-key
                stagesync.pardot.client-secret=${env:PD_SECRET}
                stagesync.pardot.username=marketing@example.com
                stagesync.pardot.password=${env:PD_PASSWORD}
                stagesync.pardot.business-unit-id=0UvXX00000000010AA
                stagesync.eloqua.site=ExampleCompany
                stagesync.eloqua.username=integration.user
                stagesync.eloqua.password=${env:EQ_PASSWORD}
                """);

        CliRun ok = CliRun.of(Map.of("PD_SECRET", "s", "PD_PASSWORD", "p", "EQ_PASSWORD", "e"), "validate",
                "--config", config.toString());
        assertThat(ok.err()).isEmpty();
        assertThat(ok.out()).contains("connectors: pardot, eloqua");

        Files.writeString(properties, Files.readString(properties).replace("stagesync.pardot.business-unit-id=0UvXX00000000010AA\n", ""));
        CliRun missing = CliRun.of(Map.of("PD_SECRET", "s", "PD_PASSWORD", "p", "EQ_PASSWORD", "e"), "validate",
                "--config", config.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(missing.err()).contains("stagesync.pardot.business-unit-id");
    }

    @Test
    void bothConnectorsWithTheirSettingsAreValid() throws IOException {
        Path config = copyOfShippedConfig();
        Files.writeString(config.resolve("application.properties"), """
                stagesync.connectors=salesforce,netsuite
                stagesync.salesforce.auth-type=client-credentials
                stagesync.salesforce.login-url=https://example-org.my.salesforce.com
                stagesync.salesforce.client-id=example-consumer-key
                stagesync.salesforce.client-secret=${env:SF_SECRET}
                stagesync.netsuite.account-id=1234567_SB1
                stagesync.netsuite.tba.consumer-key=ck
                stagesync.netsuite.tba.consumer-secret=${env:NS_CS}
                stagesync.netsuite.tba.token-id=tk
                stagesync.netsuite.tba.token-secret=${env:NS_TS}
                stagesync.resilience.netsuite.max-attempts=3
                """);

        CliRun run = CliRun.of(Map.of("SF_SECRET", "s", "NS_CS", "c", "NS_TS", "t"), "validate", "--config",
                config.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("connectors: salesforce, netsuite");
    }

    @Test
    void aMissingConfigDirectoryIsAClearError() {
        CliRun run = CliRun.of("validate", "--config", dir.resolve("nowhere").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("config directory not found (pass --config DIR)");
    }

    @Test
    void helpIsAvailableOnEveryCommand() {
        for (String command : new String[] {"validate", "gate", "run"}) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).as(command).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).as(command).contains("Usage: stagesync " + command).contains("--config=DIR");
        }
    }
}
