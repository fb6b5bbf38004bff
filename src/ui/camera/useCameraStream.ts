import { useCallback, useEffect, useRef, useState } from 'react';
import { cameraError, noCameraApi } from '../../state/camera';
import type { ErrorCode } from '../../core/errors';

export type StreamState =
  | { status: 'starting' }
  | { status: 'live'; width: number; height: number }
  | { status: 'error'; code: ErrorCode; message: string };

function stopAll(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/**
 * The live camera for as long as the component is mounted: every track is stopped on unmount
 * (leaving the tab) and before a retry. `capture` grabs the current frame as a JPEG.
 */
export function useCameraStream() {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [state, setState] = useState<StreamState>({ status: 'starting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    const video = videoRef.current;
    const fail = (error: unknown) => {
      if (stopped) return;
      const e = cameraError(error);
      setState({ status: 'error', code: e.code, message: e.message });
    };
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) throw noCameraApi();
      const s = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' },
        audio: false,
      });
      // Unmounted (or retried) while the browser was asking: release the camera at once.
      if (stopped) return stopAll(s);
      stream = s;
      for (const track of s.getVideoTracks()) {
        track.addEventListener('ended', () =>
          fail(
            new DOMException('The camera stopped (unplugged or taken by another app)', 'NotReadableError'),
          ),
        );
      }
      if (!video) return;
      video.srcObject = s;
      await video.play();
      if (!stopped) setState({ status: 'live', width: video.videoWidth, height: video.videoHeight });
    })().catch(fail);
    return () => {
      stopped = true;
      if (stream) stopAll(stream);
      if (video) video.srcObject = null;
    };
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: 'starting' });
    setAttempt((n) => n + 1);
  }, []);

  const capture = useCallback(async (): Promise<Blob> => {
    const video = videoRef.current;
    if (!video || video.videoWidth === 0) throw new Error('The camera has no picture yet');
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw the camera frame');
    ctx.drawImage(video, 0, 0);
    return new Promise((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The camera frame could not be encoded'))),
        'image/jpeg',
        0.92,
      ),
    );
  }, []);

  return { videoRef, state, retry, capture };
}
