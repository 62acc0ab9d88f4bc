package io.marquee.catalog.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.streaming.http.EntityTag;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Serialises an {@link EntityTagged} answer once, tags it with a strong ETag (a hash of exactly those bytes) and
 * answers a matching If-None-Match with 304. Answers depend on the caller's profile, so caches must keep them private
 * and revalidate every time.
 */
@Provider
@EntityTagged
public class EntityTagFilter implements ContainerResponseFilter {

    public static final String CACHE_CONTROL = "private, max-age=0, must-revalidate";

    private final ObjectMapper mapper;

    public EntityTagFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 200 || !response.hasEntity()
                || !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()))) {
            return;
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(response.getEntity());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        EntityTag tag = new EntityTag(digest(body), false);
        response.getHeaders().putSingle(HttpHeaders.ETAG, tag.toString());
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        response.getHeaders().putSingle(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && EntityTag.parseList(ifNoneMatch).anyWeakMatch(tag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            return;
        }
        response.setEntity(body, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
    }

    private static String digest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
