package io.marquee.common.problem;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Answers a request that no route, resource or static file took with the same problem+json 404 as the API. */
@ApplicationScoped
public class NotFoundRoute {

    private static final Problem NOT_FOUND = Problem.of(ProblemType.NOT_FOUND, "No resource at this address.");

    private final ProblemWriter problems;

    public NotFoundRoute(ProblemWriter problems) {
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route().last().handler(ctx -> {
            if (ctx.response().ended() || ctx.response().headWritten()) {
                return;
            }
            problems.write(ctx, NOT_FOUND);
        });
    }
}
