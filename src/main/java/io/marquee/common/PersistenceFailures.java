package io.marquee.common;

import io.vertx.pgclient.PgException;

/** Recognises database failures that carry a meaning for the client. */
public final class PersistenceFailures {

    private PersistenceFailures() {
    }

    /** A unique constraint refused the write (SQLSTATE 23505): the thing already exists. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            // Hibernate Reactive reports a failed flush as its own exception, carrying the SQLSTATE but not the cause.
            if (t instanceof org.hibernate.JDBCException jdbc && "23505".equals(jdbc.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
