import { toCsv } from './csv';
import { LikenessError } from './errors';

/** A box in pixels of the upright photo (after its EXIF orientation is applied). */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One photo of a library, as the export needs it: plain data, no storage ids. */
export interface LibraryPhotoForExport {
  /** The path below the picked folder, with '/' separators, e.g. '2019/03/IMG_1234.jpg'. */
  file: string;
  /** The upright photo's size in pixels (after its EXIF orientation). */
  width: number;
  height: number;
  /** The photo's EXIF orientation, 1..8 (1 when it has none). */
  orientation: number;
  faces: readonly { box: PixelBox; name: string | null; group: string | null }[];
}

/** `IMG_1234.jpg.xmp` (as digiKam and darktable write them) or `IMG_1234.xmp` (as Lightroom does); Immich reads both. */
export type SidecarNaming = 'keep-extension' | 'drop-extension';

/** The CSV's name, at the top of the zip or the picked folder. */
export const FACES_CSV = 'faces.csv';

/** The path's folders and name, checked: nothing above the picked folder, nothing absolute. */
export function pathSegments(file: string): string[] {
  const segments = file.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.some((s) => s === '..' || s.includes('\\'))) {
    throw new LikenessError('invalid-argument', `“${file}” is not a path below the picked folder`);
  }
  return segments;
}

/** The box in whole pixels, cut to the photo: what the CSV and the sidecar both say. */
export function wholePixelBox(box: PixelBox, width: number, height: number): PixelBox {
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v)));
  const x = clamp(box.x, width);
  const y = clamp(box.y, height);
  return {
    x,
    y,
    width: clamp(box.x + box.width, width) - x,
    height: clamp(box.y + box.height, height) - y,
  };
}

/** A name as the export writes it; null for none (no name, or nothing left once trimmed). */
function nameOf(name: string | null): string | null {
  const text = name?.trim();
  return text ? text : null;
}

/** Every face of every photo, one row each: file, box in upright pixels, name, group. */
export function facesCsv(photos: Iterable<LibraryPhotoForExport>): string {
  const rows: (string | number | null)[][] = [];
  for (const photo of photos) {
    for (const face of photo.faces) {
      const b = wholePixelBox(face.box, photo.width, photo.height);
      rows.push([photo.file, b.x, b.y, b.width, b.height, nameOf(face.name), face.group]);
    }
  }
  return toCsv(['file', 'x', 'y', 'width', 'height', 'name', 'group'], rows);
}

/**
 * Where each photo's sidecar goes, for the photos that get one. With 'drop-extension', photos that
 * would share a sidecar (IMG_1.jpg and IMG_1.png, or names that differ only in case, which most file
 * systems take as one) keep their extension instead, so that no sidecar overwrites another.
 */
export function sidecarPaths(
  photos: readonly LibraryPhotoForExport[],
  naming: SidecarNaming,
): Map<LibraryPhotoForExport, string> {
  const named = photos.filter((p) => p.faces.some((f) => nameOf(f.name)));
  const short = (p: LibraryPhotoForExport) => {
    const segments = pathSegments(p.file);
    const last = segments.pop()!;
    const dot = last.lastIndexOf('.');
    return [...segments, `${dot > 0 ? last.slice(0, dot) : last}.xmp`].join('/');
  };
  const long = (p: LibraryPhotoForExport) => `${pathSegments(p.file).join('/')}.xmp`;
  // Each short path's users, counting a long path that spells the same (a.jpg.png's short is a.jpg.xmp).
  const uses = new Map<string, number>();
  const use = (path: string) => uses.set(path.toLowerCase(), (uses.get(path.toLowerCase()) ?? 0) + 1);
  if (naming === 'drop-extension') for (const p of named) [short(p), long(p)].forEach(use);
  const unshared = (path: string) => uses.get(path.toLowerCase()) === 1;
  return new Map(
    named.map((p) => [p, naming === 'drop-extension' && unshared(short(p)) ? short(p) : long(p)]),
  );
}

/**
 * XML 1.0 text: markup escaped; characters XML cannot carry (control characters but tab and line
 * breaks, lone surrogates, U+FFFE/U+FFFF) dropped; a carriage return kept as a reference, since a
 * parser turns a literal one into a line feed.
 */
function xmlText(text: string): string {
  return text
    .replace(/(?![\t\n\r])[\p{Cc}\p{Cs}\ufffe\uffff]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

const decimal = (v: number) => String(Number(v.toFixed(6)));

/**
 * A region's centre, width and height as fractions of the stored image, from a box on the upright
 * one. MWG's guidelines (2.0, §5.9) apply regions to the image as stored, before its Exif
 * Orientation; readers turn them with the orientation: Immich (metadata.service.ts,
 * orientRegionInfo), digiKam (itemscanner: TagRegion::adjustToOrientation). This is the inverse of
 * that turn. Orientations 5..8 swap width and height.
 */
export function storedArea(
  box: PixelBox,
  width: number,
  height: number,
  orientation: number,
): { x: number; y: number; w: number; h: number } {
  const u = (box.x + box.width / 2) / width;
  const v = (box.y + box.height / 2) / height;
  const w = box.width / width;
  const h = box.height / height;
  switch (orientation) {
    case 2:
      return { x: 1 - u, y: v, w, h };
    case 3:
      return { x: 1 - u, y: 1 - v, w, h };
    case 4:
      return { x: u, y: 1 - v, w, h };
    case 5:
      return { x: v, y: u, w: h, h: w };
    case 6:
      return { x: v, y: 1 - u, w: h, h: w };
    case 7:
      return { x: 1 - v, y: 1 - u, w: h, h: w };
    case 8:
      return { x: 1 - v, y: u, w: h, h: w };
    default:
      return { x: u, y: v, w, h };
  }
}

/**
 * The XMP sidecar of one photo: an MWG face region for each named face (unnamed ones are left out:
 * digiKam stops reading regions at the first without a name), the people in
 * Iptc4xmpExt:PersonInImage and dc:subject, and "People|Name" in lr:hierarchicalSubject. Null when
 * no face is named. Written as exiftool writes XMP (rdf:parseType="Resource" structures).
 */
export function xmpSidecar(photo: LibraryPhotoForExport): string | null {
  const named = photo.faces.flatMap((f) => {
    const name = nameOf(f.name);
    return name ? [{ name, box: wholePixelBox(f.box, photo.width, photo.height) }] : [];
  });
  if (named.length === 0) return null;
  const orientation =
    Number.isInteger(photo.orientation) && photo.orientation >= 1 && photo.orientation <= 8
      ? photo.orientation
      : 1;
  const [storedW, storedH] = orientation >= 5 ? [photo.height, photo.width] : [photo.width, photo.height];
  const people = [...new Set(named.map((f) => f.name))];
  const bag = (items: string[]) =>
    `<rdf:Bag>${items.map((item) => `\n     <rdf:li>${xmlText(item)}</rdf:li>`).join('')}\n    </rdf:Bag>`;
  const regions = named.map(({ name, box }) => {
    const a = storedArea(box, photo.width, photo.height, orientation);
    return `
      <rdf:li rdf:parseType="Resource">
       <mwg-rs:Area rdf:parseType="Resource">
        <stArea:h>${decimal(a.h)}</stArea:h>
        <stArea:unit>normalized</stArea:unit>
        <stArea:w>${decimal(a.w)}</stArea:w>
        <stArea:x>${decimal(a.x)}</stArea:x>
        <stArea:y>${decimal(a.y)}</stArea:y>
       </mwg-rs:Area>
       <mwg-rs:Name>${xmlText(name)}</mwg-rs:Name>
       <mwg-rs:Type>Face</mwg-rs:Type>
      </rdf:li>`;
  });
  // Lightroom's hierarchy separator is '|', which nothing escapes: a '|' in a name becomes '¦'.
  const hierarchy = people.map((name) => `People|${name.replace(/\|/g, '¦')}`);
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Likeness">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
    xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
    xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#"
    xmlns:stDim="http://ns.adobe.com/xap/1.0/sType/Dimensions#"
    xmlns:tiff="http://ns.adobe.com/tiff/1.0/">
   <Iptc4xmpExt:PersonInImage>
    ${bag(people)}
   </Iptc4xmpExt:PersonInImage>
   <dc:subject>
    ${bag(people)}
   </dc:subject>
   <lr:hierarchicalSubject>
    ${bag(hierarchy)}
   </lr:hierarchicalSubject>
   <mwg-rs:Regions rdf:parseType="Resource">
    <mwg-rs:AppliedToDimensions rdf:parseType="Resource">
     <stDim:h>${storedH}</stDim:h>
     <stDim:unit>pixel</stDim:unit>
     <stDim:w>${storedW}</stDim:w>
    </mwg-rs:AppliedToDimensions>
    <mwg-rs:RegionList>
     <rdf:Bag>${regions.join('')}
     </rdf:Bag>
    </mwg-rs:RegionList>
   </mwg-rs:Regions>${orientation === 1 ? '' : `\n   <tiff:Orientation>${orientation}</tiff:Orientation>`}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>
`;
}

/**
 * What an export writes, each file made only when it is read: the CSV of every face, then one
 * sidecar per photo with a named face. `count` is the number of files.
 */
export function exportFiles(
  photos: readonly LibraryPhotoForExport[],
  naming: SidecarNaming,
): { count: number; files: Iterable<{ path: string; text: string }> } {
  const sidecars = sidecarPaths(photos, naming);
  return {
    count: 1 + sidecars.size,
    files: {
      *[Symbol.iterator]() {
        yield { path: FACES_CSV, text: facesCsv(photos) };
        for (const [photo, path] of sidecars) yield { path, text: xmpSidecar(photo)! };
      },
    },
  };
}
