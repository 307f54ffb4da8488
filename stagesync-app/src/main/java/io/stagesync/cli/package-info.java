/**
 * The {@code stagesync} command line (picocli): {@link io.stagesync.cli.StagesyncCli} with the subcommands
 * {@code validate}, {@code gate}, {@code replay}, {@code run} and {@code sandbox}.
 *
 * <p>Promises: the exit codes of {@link io.stagesync.cli.ExitCodes} (documented in {@code docs/command-line.md});
 * errors are printed one line each, never as a stack trace; wrong usage exits 2. Commands hold no sync logic:
 * they parse options, load the config and call the packages that do the work.
 */
package io.stagesync.cli;
