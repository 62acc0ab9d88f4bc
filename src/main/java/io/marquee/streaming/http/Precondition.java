package io.marquee.streaming.http;

/** The conditional request header fields, named by the field that decided a 304 or 412. */
public enum Precondition {
    IF_MATCH,
    IF_UNMODIFIED_SINCE,
    IF_NONE_MATCH,
    IF_MODIFIED_SINCE
}
