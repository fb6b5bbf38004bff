import type { FaceBox } from '../engine/engine-protocol';
import { BlobImage } from './BlobImage';
import './face-frame.css';

const pct = (v: number, of: number) => `${((v / of) * 100).toFixed(3)}%`;

export interface FramedFace {
  box: FaceBox;
  /** Shown on the box: a name, "No match", "Face 2"… */
  label: string;
  /** 'match' / 'no-match' colour the box; none without a face database. */
  tone?: 'match' | 'no-match';
}

/**
 * A photo with a labelled box over each face, scaled with the photo. A label never runs past its
 * box: a long name ends in an ellipsis there, and reads whole in the list beside the photo.
 */
export function FaceFrame({
  image,
  alt,
  width,
  height,
  faces,
  testId,
}: {
  image: Blob;
  alt: string;
  width: number;
  height: number;
  faces: FramedFace[];
  testId?: string;
}) {
  return (
    <div className="snapshot-frame" data-testid={testId}>
      <BlobImage blob={image} alt={alt} width={width} height={height} />
      {faces.map((face, i) => (
        <div
          key={i}
          className={`face-box ${face.tone ?? ''}${face.box.y < height * 0.08 ? ' chip-inside' : ''}`}
          style={{
            left: pct(face.box.x, width),
            top: pct(face.box.y, height),
            width: pct(face.box.width, width),
            height: pct(face.box.height, height),
          }}
        >
          <span className="face-label" data-testid="snapshot-face-label" title={face.label}>
            {face.label}
          </span>
        </div>
      ))}
    </div>
  );
}
