package io.marquee.common;

import io.vertx.pgclient.PgException;

/** Recognises database failures that carry a meaning for the client. */
public final class PersistenceFailures {

    private PersistenceFailures() {
    }

    /** A unique constraint refused the write (SQLSTATE 23505): the thing already exists. */
    public static boolean isUniqueViolation(Throwable failure) {
        return hasSqlState(failure, "23505");
    }

    /** A foreign key refused the write (SQLSTATE 23503): the row it refers to is gone. */
    public static boolean isForeignKeyViolation(Throwable failure) {
        return hasSqlState(failure, "23503");
    }

    private static boolean hasSqlState(Throwable failure, String state) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && state.equals(pg.getSqlState())) {
                return true;
            }
            // Hibernate Reactive reports a failed flush as its own exception, carrying the SQLSTATE but not the cause.
            if (t instanceof org.hibernate.JDBCException jdbc && state.equals(jdbc.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
