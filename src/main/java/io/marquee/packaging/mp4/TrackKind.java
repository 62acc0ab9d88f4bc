package io.marquee.packaging.mp4;

/** The kinds of track packaging serves; other handlers (text, timecode) are ignored. */
public enum TrackKind { VIDEO, AUDIO }
