package io.marquee.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer of the raw baseline servers: status, body and extra headers; a 200 to a GET carries a strong ETag of its
 * bytes and the cache headers, as Marquee's EntityTagFilter sets them.
 */
record RawReply(int status, Buffer body, String contentType, Map<String, String> headers) {

    static RawReply json(int status, JsonObject body) {
        return new RawReply(status, body.toBuffer(), "application/json", Map.of());
    }

    static RawReply empty(int status) {
        return new RawReply(status, null, null, Map.of());
    }

    static RawReply problem(int status, String detail) {
        return new RawReply(status, new JsonObject().put("status", status).put("detail", detail).toBuffer(),
                "application/problem+json", Map.of());
    }

    RawReply withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new RawReply(status, body, contentType, all);
    }

    void send(HttpServerRequest request) {
        HttpServerResponse response = request.response().setStatusCode(status);
        headers.forEach(response::putHeader);
        if (body == null) {
            response.end();
            return;
        }
        response.putHeader("Content-Type", contentType);
        if (status == 200 && request.method() == HttpMethod.GET) {
            response.putHeader("ETag", "\"" + digest(body.getBytes()) + "\"")
                    .putHeader("Cache-Control", "private, max-age=0, must-revalidate")
                    .putHeader("Vary", "Authorization");
        }
        response.end(body);
    }

    private static String digest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A failure answered as a problem document. */
    static final class Problem extends RuntimeException {
        private final int status;

        Problem(int status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }

        RawReply reply() {
            return RawReply.problem(status, getMessage());
        }
    }
}
