package io.concbench.harness.serve;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version} for every concbench entry point: the pom's version (filtered in at build time) and the JVM. */
public final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"concbench " + p.getProperty("version", "unknown"),
                "JVM: " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
