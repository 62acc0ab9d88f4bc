// What the player tests read back: video events with their wall-clock times, and the player's own events.
(function () {
  const log = [];
  const record = (type, detail) => log.push(Object.assign({ type, at: performance.now() }, detail || {}));
  let video;

  function watchVideo() {
    video = document.getElementById('video');
    for (const type of ['waiting', 'playing', 'seeking', 'seeked', 'stalled', 'error', 'ended']) {
      video.addEventListener(type, () => record(type, { time: video.currentTime }));
    }
  }

  window.harness = {
    log,
    mark(name) {
      record('mark', { name });
    },

    /** Loads a script from this origin; resolves when it ran. */
    load(src) {
      return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = () => resolve(true);
        script.onerror = () => reject(new Error('could not load ' + src));
        document.head.append(script);
      });
    },

    /** Plays an HLS URL with hls.js, starting at the top rendition so that a capped link must switch down. */
    playHls(url, config) {
      watchVideo();
      const hls = new window.Hls(Object.assign({ autoStartLoad: false }, config || {}));
      window.hls = hls;
      for (const name of ['MANIFEST_PARSED', 'LEVEL_SWITCHING', 'LEVEL_SWITCHED', 'FRAG_CHANGED',
        'SUBTITLE_TRACKS_UPDATED', 'SUBTITLE_FRAG_PROCESSED', 'ERROR']) {
        hls.on(window.Hls.Events[name], (event, data) => record(name, {
          level: data && typeof data.level === 'number' ? data.level
            : data && data.frag && typeof data.frag.level === 'number' ? data.frag.level : undefined,
          sn: data && data.frag ? data.frag.sn : undefined,
          fatal: data ? data.fatal : undefined,
          details: data ? data.details : undefined,
        }));
      }
      hls.on(window.Hls.Events.MANIFEST_PARSED, () => {
        hls.startLevel = hls.levels.length - 1;
        hls.startLoad();
        video.play().catch(e => record('play-refused', { details: String(e) }));
      });
      hls.loadSource(url);
      hls.attachMedia(video);
    },

    /** Plays a DASH MPD with dash.js. */
    playDash(url) {
      watchVideo();
      const player = window.dashjs.MediaPlayer().create();
      window.dashPlayer = player;
      player.on(window.dashjs.MediaPlayer.events.ERROR, e => record('ERROR', { details: JSON.stringify(e.error || e) }));
      player.initialize(video, url, true);
    },

    /** The first event of this type after the named mark, or null. */
    after(name, type) {
      const start = log.findIndex(e => e.type === 'mark' && e.name === name);
      return start < 0 ? null : log.slice(start + 1).find(e => e.type === type) || null;
    },

    /** The longest time (ms) the video waited for data after the named mark, counting a stall still going on. */
    longestStallAfter(name) {
      const start = log.findIndex(e => e.type === 'mark' && e.name === name);
      let longest = 0;
      let waitingSince = null;
      for (const e of log.slice(start + 1)) {
        if (e.type === 'waiting' && waitingSince === null) waitingSince = e.at;
        if (e.type === 'playing' && waitingSince !== null) {
          longest = Math.max(longest, e.at - waitingSince);
          waitingSince = null;
        }
      }
      if (waitingSince !== null) longest = Math.max(longest, performance.now() - waitingSince);
      return longest;
    },

    /** Fatal player errors and video element errors, as JSON. */
    errors() {
      return log.filter(e => (e.type === 'ERROR' && e.fatal !== false) || e.type === 'error').map(e => JSON.stringify(e));
    },
  };
})();
