package io.marquee;

import io.marquee.common.RequiredEnvironment;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point of the packaged application: refuses to start in production without its required configuration. */
@QuarkusMain
public class Marquee {

    public static void main(String... args) {
        // quarkus:dev also enters here; it has the local services on its classpath and generates every secret.
        boolean localServices = Marquee.class.getClassLoader()
                .getResource("io/zonky/test/db/postgres/embedded/EmbeddedPostgres.class") != null;
        if (localServices) {
            Quarkus.run(args);
            return;
        }
        RequiredEnvironment.fromSystem().missing().ifPresent(message -> {
            System.err.println(message);
            System.exit(78); // EX_CONFIG
        });
        Quarkus.run(args);
    }
}
