/**
 * The contract between the harness and the server models.
 *
 * <p>A model implements {@link io.concbench.harness.ServerModel} and is listed in
 * {@code META-INF/services/io.concbench.harness.ServerModel}; {@link io.concbench.harness.ServerModels}
 * finds it by name. Everything else a model needs — the HTTP codec, the application, the counters —
 * comes from the subpackages, so that models differ only in how they wait and schedule.
 *
 * <p>Module {@code harness}: depends on no other concbench module. Every other module depends on it:
 * the models, {@code report}, {@code load-generator}, {@code microbench} and {@code cli}. Nothing about
 * reports lives here; that is {@code report}.
 */
package io.concbench.harness;
