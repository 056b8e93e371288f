package io.concbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.concbench.loadgen.LoadOptions;
import io.concbench.loadgen.Segment;
import io.concbench.loadgen.cli.LoadCommand;
import io.concbench.loadgen.cli.LoadMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No cluster here, so what can be checked without one: the manifests in deploy/k8s parse, and every
 * command line in them, with the Job index and START_AT filled in as Kubernetes would, goes through
 * the real CLI parser and option validation (a typo in an option fails the build).
 */
class ManifestsTest {

    private static final Path DIR = Path.of("..", "deploy", "k8s");
    private static final Pattern VAR = Pattern.compile("\\$\\(([A-Z_]+)\\)");
    private static final long SOME_START_AT = 1_764_000_000_000L;

    private static List<JsonNode> documents(String file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(DIR.resolve(file).toFile())) {
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    private static JsonNode container(JsonNode podSpec) {
        JsonNode c = podSpec.path("containers");
        assertEquals(1, c.size());
        return c.get(0);
    }

    /** command + args with $(VAR) expanded as the kubelet does, from the container's env and {@code extra}. */
    private static List<String> commandLine(JsonNode container, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        container.path("env").forEach(e -> env.putIfAbsent(e.path("name").asText(), e.path("value").asText()));
        List<String> line = new ArrayList<>();
        container.path("command").forEach(n -> line.add(n.asText()));
        container.path("args").forEach(n -> line.add(n.asText()));
        List<String> out = new ArrayList<>();
        for (String s : line) {
            Matcher m = VAR.matcher(s);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String v = env.get(m.group(1));
                assertNotNull(v, "$(" + m.group(1) + ") is neither in the container's env nor set by Kubernetes");
                m.appendReplacement(b, Matcher.quoteReplacement(v));
            }
            m.appendTail(b);
            out.add(b.toString());
        }
        return out;
    }

    /** The arguments after {@code java [flags] -jar JAR}, and the jar. */
    private static String jar(List<String> line) {
        assertEquals("java", line.get(0));
        return line.get(line.indexOf("-jar") + 1);
    }

    private static String[] after(List<String> line, String jar) {
        return line.subList(line.indexOf(jar) + 1, line.size()).toArray(String[]::new);
    }

    /** The concbench command line configured as {@code Cli.execute} configures it. */
    private static CommandLine concbench() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Test
    void serverPodIsGuaranteedAndItsServeCommandParses() throws IOException {
        List<JsonNode> docs = documents("server.yaml");
        JsonNode pod = kind(docs, "Pod");
        JsonNode c = container(pod.path("spec"));
        assertEquals(c.path("resources").path("requests"), c.path("resources").path("limits"), "requests = limits");
        List<String> line = commandLine(c, Map.of());
        assertEquals("/concbench.jar", jar(line));
        concbench().parseArgs(after(line, "/concbench.jar"));
        JsonNode svc = kind(docs, "Service");
        assertEquals("None", svc.path("spec").path("clusterIP").asText(), "headless");
        assertEquals(pod.path("metadata").path("labels").path("app"), svc.path("spec").path("selector").path("app"));
    }

    @Test
    void everyAgentsCommandLineParsesAndTheSegmentsCoverTheRun() throws IOException {
        JsonNode job = kind(documents("agents.yaml"), "Job");
        assertEquals("Indexed", job.path("spec").path("completionMode").asText());
        int n = job.path("spec").path("completions").asInt();
        assertTrue(n >= 1);
        JsonNode c = container(job.path("spec").path("template").path("spec"));
        String startAt = c.path("env").get(0).path("value").asText();
        assertEquals("START_AT_MS", startAt, "the placeholder the README's sed replaces");
        List<String> agentJsons = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> line = commandLine(c, Map.of("JOB_COMPLETION_INDEX", Integer.toString(i)));
            line.replaceAll(s -> s.replace("START_AT_MS", Long.toString(SOME_START_AT)));
            assertEquals("/concbench-load.jar", jar(line));
            CommandLine cl = LoadMain.commandLine().setCaseInsensitiveEnumValuesAllowed(true);
            cl.parseArgs(after(line, "/concbench-load.jar"));
            LoadOptions o = ((LoadCommand) cl.getCommand()).options();
            assertEquals(new Segment(i, n), o.segment());
            assertEquals(SOME_START_AT, o.startAtEpochMillis());
            assertTrue(o.target().url().startsWith("http://concbench-server:8080/"), o.target().url());
            agentJsons.add(line.get(line.indexOf("--json") + 1));
        }
        JsonNode merge = kind(documents("merge.yaml"), "Job");
        List<String> line = commandLine(container(merge.path("spec").path("template").path("spec")), Map.of());
        String[] args = after(line, "/concbench.jar");
        CommandLine.ParseResult parsed = concbench().parseArgs(args);
        assertTrue(parsed.hasSubcommand() && parsed.subcommand().commandSpec().name().equals("merge"));
        List<String> inputs = new ArrayList<>(List.of(args).subList(1, args.length));
        inputs.removeIf(a -> a.startsWith("--json") || a.endsWith("merged.json"));
        assertEquals(agentJsons, inputs, "merge reads exactly the files the agents write");
        assertFalse(String.join(" ", line).contains("$("));
    }
}
