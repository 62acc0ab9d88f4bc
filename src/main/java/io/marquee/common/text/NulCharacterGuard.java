package io.marquee.common.text;

import io.marquee.common.CorrelationIds;
import io.marquee.common.problem.Problem;
import io.marquee.common.problem.ProblemType;
import io.marquee.common.problem.ProblemWriter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses, before any route runs, a request whose path or query carries the NUL character ({@code %00}): PostgreSQL
 * cannot store or compare it in text, so it would otherwise surface as a database error (a 500) wherever a
 * parameter reaches a query. JSON string fields get the same rule from {@link NulRejectingStrings}.
 */
@ApplicationScoped
public class NulCharacterGuard {

    public static final String MESSAGE = "must not contain the NUL character";
    static final int ORDER = CorrelationIds.ORDER + 2;

    private final ProblemWriter problems;

    public NulCharacterGuard(ProblemWriter problems) {
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri.indexOf('\0') < 0 && !uri.toLowerCase(Locale.ROOT).contains("%00")) {
            ctx.next();
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        ctx.queryParams().forEach(entry -> {
            if (entry.getValue().indexOf('\0') >= 0 || entry.getKey().indexOf('\0') >= 0) {
                errors.add(new Problem.FieldError(entry.getKey().replace("\0", ""), MESSAGE));
            }
        });
        if (errors.isEmpty()) {
            errors.add(new Problem.FieldError("path", MESSAGE));
        }
        problems.write(ctx, Problem.of(ProblemType.VALIDATION, "The request has invalid fields.").withErrors(errors),
                Map.of());
    }
}
