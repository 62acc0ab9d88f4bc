package io.marquee;

import io.marquee.common.RequiredEnvironment;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point of the packaged application: refuses to start in production without its required configuration. */
@QuarkusMain
public final class Marquee {

    private Marquee() {
    }

    public static void main(String... args) {
        RequiredEnvironment.fromSystem().missing().ifPresent(message -> {
            System.err.println(message);
            System.exit(78); // EX_CONFIG
        });
        Quarkus.run(args);
    }
}
