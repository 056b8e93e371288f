package io.concbench.compare;

/**
 * A model as compare runs it: {@code name}, or {@code name:workers} to fix its pool threads, event
 * loops or processes (0 = the model's default).
 */
record ModelSpec(String name, int workers) {

    static ModelSpec parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return new ModelSpec(spec, 0);
        }
        try {
            int w = Integer.parseInt(spec.substring(colon + 1));
            if (w >= 1) {
                return new ModelSpec(spec.substring(0, colon), w);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--models: '" + spec + "' should be a model name or name:workers with workers >= 1, e.g. reactor:1");
    }

    /** The file-name form: {@code reactor} or {@code reactor-w1}. */
    String fileStem() {
        return workers == 0 ? name : name + "-w" + workers;
    }
}
