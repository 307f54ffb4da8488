/**
 * The sandbox demo: {@link io.stagesync.sandbox.Sandbox} runs the real application, with every connector unchanged,
 * against in-process simulators of Salesforce, NetSuite, Pardot and Eloqua ({@link io.stagesync.sandbox.SandboxWorld};
 * the simulators live in the sub-packages) holding a seeded sample company ({@link io.stagesync.sandbox.SampleCompany}),
 * while a scripted story ({@link io.stagesync.sandbox.SandboxStory}, played by {@link io.stagesync.sandbox.ScriptPlayer})
 * makes changes in them as users would.
 *
 * <p>Promises: no SaaS account and no network beyond loopback; invented names and {@code .example} addresses only;
 * the same sample company every run; the config it writes lives in its own data directory and its secrets are
 * generated per run and never read from the admin's config or environment.
 */
package io.stagesync.sandbox;
