package io.marquee.demo;

import io.marquee.account.service.AccountService;
import io.marquee.account.service.ProfileService;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Dev mode only: seeds the demo catalog and a demo subscriber with three profiles, then prints where to start.
 * Dev mode keeps its database and bucket across restarts, so everything here checks before it creates.
 */
@ApplicationScoped
@IfBuildProfile("dev")
class DemoSeeder {

    static final String VIEWER_EMAIL = "viewer@marquee.local";
    static final String VIEWER_PASSWORD = "marquee-viewer";
    static final String TEEN_PIN = "1234";
    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);

    private final DemoCatalog catalog;
    private final AccountService accounts;
    private final ProfileService profiles;

    DemoSeeder(DemoCatalog catalog, AccountService accounts, ProfileService profiles) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.profiles = profiles;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        int added = VertxContextSupport.subscribeAndAwait(catalog::seed);
        boolean viewerCreated = VertxContextSupport.subscribeAndAwait(this::demoViewer);
        if (added > 0 || viewerCreated) {
            LOG.infof("Demo data: %d titles added%s", added, viewerCreated ? ", demo viewer created" : "");
        }
        banner();
    }

    private Uni<Boolean> demoViewer() {
        return accounts.exists(VIEWER_EMAIL).chain(exists -> exists ? Uni.createFrom().item(false)
                : accounts.signup(VIEWER_EMAIL, VIEWER_PASSWORD, "Viewer", false)
                        .call(account -> profiles.create(account.id, "Kids", 7, null))
                        .call(account -> profiles.create(account.id, "Teen", 13, TEEN_PIN))
                        .replaceWith(true));
    }

    private static void banner() {
        var config = ConfigProvider.getConfig();
        int port = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        String admin = config.getOptionalValue("marquee.admin.email", String.class).orElse("(none)");
        String adminPassword = config.getOptionalValue("marquee.admin.password", String.class).orElse("");
        String base = "http://localhost:" + port;
        LOG.infof("""

                ==================== Marquee (dev mode) ====================
                  Swagger UI   %s/q/swagger-ui
                  OpenAPI      %s/q/openapi
                  Admin        %s / %s
                  Subscriber   %s / %s
                               profiles: Viewer (18), Kids (7), Teen (13, PIN %s)
                  Try it       POST %s/api/v1/auth/login, then GET /api/v1/titles
                ============================================================""",
                base, base, admin, adminPassword, VIEWER_EMAIL, VIEWER_PASSWORD, TEEN_PIN, base);
    }
}
