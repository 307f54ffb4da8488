/**
 * How a setting is declared: {@link io.stagesync.settings.Setting}, one type for the general keys
 * ({@code config.SettingKey}), every connector's keys and the resilience keys alike, and
 * {@link io.stagesync.settings.SettingProblem}, a problem with one key as data (never parsed out of a message).
 * Depends on nothing else of stagesync. Each row of {@code docs/configuration.md}'s tables is a declaration's
 * {@link io.stagesync.settings.Setting#docRow()} (checked by a test).
 */
package io.stagesync.settings;
