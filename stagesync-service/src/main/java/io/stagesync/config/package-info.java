/**
 * Loading and validating a config directory: {@code stage-model.yaml} into a {@link io.stagesync.stage.StageModel}
 * ({@link io.stagesync.config.StageModelLoader} and its section readers), {@code mappings/*.yaml} into
 * {@link io.stagesync.mapping.SyncMappings} ({@link io.stagesync.config.MappingsLoader}), and
 * {@code application.properties} into {@link io.stagesync.config.AppSettings}
 * ({@link io.stagesync.config.AppSettingsLoader}: the global keys of {@link io.stagesync.config.SettingKey},
 * environment overrides, {@code ${env:…}}/{@code ${file:…}} secrets) and each configured connector's settings
 * and resilience policy, by system name ({@link io.stagesync.config.ConnectorSettings}: read by the connector
 * itself through the connector SPI, {@link io.stagesync.connector.spi.SystemConnector}; this package names no
 * vendor package). {@link io.stagesync.config.StagesyncConfig}
 * is the whole, validated together.
 *
 * <p>Promises: every error of every file is reported at once, each as a {@link io.stagesync.config.ConfigError}
 * naming file, line, key or entry and what is wrong ({@link io.stagesync.config.InvalidConfigException}); a
 * config that fails never starts the service; an unknown {@code stagesync.*} key is an error with the key it
 * most likely meant; values of secret keys must be references and are masked in the effective settings. Every
 * key is declared once as an {@link io.stagesync.settings.Setting}; a connector's problems arrive as
 * {@link io.stagesync.settings.SettingProblem}s, the key as data. The rows of {@code docs/configuration.md} are
 * the declarations' rows, kept in step by {@code ConfigurationDocCoversEverySettingTest}. Loaded values
 * are immutable; loaders are stateless.
 */
package io.stagesync.config;
