package io.marquee.account.service;

import io.marquee.account.AdminConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Creates the configured admin account at start when it does not exist yet. */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final AdminConfig config;
    private final AccountService accounts;

    public AdminBootstrap(AdminConfig config, AccountService accounts) {
        this.config = config;
        this.accounts = accounts;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (config.email().isEmpty() || config.password().isEmpty()) {
            return;
        }
        String email = config.email().get();
        String password = config.password().get();
        if (password.length() < 8 || password.length() > 128) {
            throw new IllegalStateException("MARQUEE_ADMIN_PASSWORD must be 8 to 128 characters");
        }
        boolean created = VertxContextSupport.subscribeAndAwait(() -> accounts.exists(email).chain(exists -> exists
                ? Uni.createFrom().item(false)
                : accounts.signup(email, password, "Administrator", true).map(account -> true)));
        if (created) {
            LOG.infof("Created the admin account %s", email);
        }
    }
}
