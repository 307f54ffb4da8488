/**
 * The SOQL/SuiteQL subset the Salesforce and NetSuite simulators answer: {@link
 * io.stagesync.sandbox.query.SimQueryParser} turns query text of either dialect into an immutable {@link
 * io.stagesync.sandbox.query.SimQuery} (or a {@code MalformedQueryException} saying where it goes wrong), whose
 * {@link io.stagesync.sandbox.query.SimQueryExpr} filter each simulator evaluates row by row through its own
 * {@code Context} (columns, functions and comparison rules of its dialect), with SQL's three-valued logic.
 *
 * <p>Pure and stateless: no I/O, no vendor, no simulator state; safe to use from any thread.
 */
package io.stagesync.sandbox.query;
