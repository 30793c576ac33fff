/**
 * DOC-3: a poster from the video itself, made in the uploader's browser (no ffmpeg on the server):
 * a frame a little way in, drawn to a canvas as JPEG. Null when the browser cannot decode the video
 * or takes too long; the server then draws a poster from the title.
 */
export async function captureFrame(file: File, timeoutMs = 8000): Promise<File | null> {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  const once = (event: string) =>
    new Promise<void>((resolve, reject) => {
      video.addEventListener(event, () => resolve(), { once: true });
      video.addEventListener('error', () => reject(new Error('video')), { once: true });
    });
  const work = (async () => {
    video.muted = true;
    video.playsInline = true;
    video.preload = 'auto';
    const loaded = once('loadeddata');
    video.src = url;
    await loaded;
    const at = Number.isFinite(video.duration) ? Math.min(1, video.duration / 10) : 0;
    if (at > 0) {
      const seeked = once('seeked');
      video.currentTime = at;
      await seeked;
    }
    const scale = Math.min(1, 1280 / (video.videoWidth || 1));
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    if (!width || !height) return null;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')?.drawImage(video, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob ? new File([blob], 'poster.jpg', { type: 'image/jpeg' }) : null;
  })().catch(() => null);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}
