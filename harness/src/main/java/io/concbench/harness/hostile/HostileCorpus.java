package io.concbench.harness.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hostile-input corpus (hostile-corpus.txt beside this class): what to send, and what must come back.
 * Main code, not test code, so that the model contract and {@code concbench hostile} read the one file.
 */
public final class HostileCorpus {

    /**
     * One case.
     *
     * @param name what it is
     * @param statuses the statuses answered, in order; unless the client closes, the last one closes
     * @param clientCloses the client half-closes after sending; the server answers {@code statuses}, then closes
     * @param bytes what the client sends
     */
    public record Case(String name, List<Integer> statuses, boolean clientCloses, byte[] bytes) {
        /** The client gives up before a complete request, so the server must answer nothing. */
        public boolean endsEarly() {
            return statuses.isEmpty();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private HostileCorpus() {}

    public static List<Case> cases() {
        try (InputStream in = HostileCorpus.class.getResourceAsStream("hostile-corpus.txt")) {
            if (in == null) {
                throw new IllegalStateException("hostile-corpus.txt is missing from the class path");
            }
            List<Case> cases = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                if (f.length != 3) {
                    throw new IllegalStateException("corpus line without three tab-separated fields: " + line);
                }
                List<String> expect = Arrays.asList(f[0].split(","));
                boolean clientCloses = expect.get(expect.size() - 1).equals("eof");
                List<Integer> statuses = expect.stream().filter(e -> !e.equals("eof")).map(Integer::valueOf).toList();
                cases.add(new Case(f[1], statuses, clientCloses, decode(f[2])));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Expands ${TEXT*N}, then the escapes \r \n \t \0 \\ \xHH. */
    static byte[] decode(String s) {
        StringBuilder expanded = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf("${", i);
            if (open < 0) {
                expanded.append(s, i, s.length());
                break;
            }
            int close = s.indexOf('}', open);
            int star = s.lastIndexOf('*', close);
            expanded.append(s, i, open);
            expanded.append(s.substring(open + 2, star).repeat(Integer.parseInt(s.substring(star + 1, close))));
            i = close + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String e = expanded.toString();
        for (int j = 0; j < e.length(); j++) {
            char c = e.charAt(j);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char k = e.charAt(++j);
            switch (k) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(e.substring(j + 1, j + 3), 16));
                    j += 2;
                }
                default -> throw new IllegalStateException("unknown escape \\" + k + " in corpus line: " + s);
            }
        }
        return out.toByteArray();
    }
}
