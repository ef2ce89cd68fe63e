package io.labelwatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

/** One run of the {@code labelwatch} command line in this JVM: exit code, output, errors and how long it took. */
record Cli(int code, String out, String err, Duration took) {

    /** A TaxonomyClass as a JSON line, for the {@code annotation.taxonomy} topic. */
    static final String TAXONOMY_LINE = "{\"taxonomy_version\":\"nuscenes-v1.0\",\"class_label\":\"vehicle.car\","
            + "\"parent\":\"vehicle\",\"safety_criticality\":\"HIGH\",\"deprecated\":false,\"definition\":\"A car.\"}";

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long started = System.nanoTime();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** The error output as one line, without the trailing newline. */
    String errLine() {
        return err.strip();
    }
}
