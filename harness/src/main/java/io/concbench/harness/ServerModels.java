package io.concbench.harness;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the models on the class path. */
public final class ServerModels {

    private ServerModels() {}

    /** Every model on the class path, by name. */
    public static List<ServerModel> all() {
        return ServiceLoader.load(ServerModel.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(ServerModel::name))
                .toList();
    }

    /** The model called {@code name}; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    public static ServerModel named(String name) {
        List<ServerModel> all = all();
        return all.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model '" + name + "'; known models: "
                        + all.stream().map(ServerModel::name).collect(Collectors.joining(", "))));
    }
}
