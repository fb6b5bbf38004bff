/**
 * Just enough of the ONNX protobuf format to read a convolutional model: the graph's nodes, their
 * attributes, the float initialisers and the graph's inputs and outputs. Field numbers are those of
 * onnx/onnx.proto (ModelProto.graph = 7, GraphProto.node = 1, initializer = 5, input = 11,
 * output = 12; NodeProto input = 1, output = 2, name = 3, op_type = 4, attribute = 5; ...).
 */

export interface OnnxTensor {
  name: string;
  dims: number[];
  /** float32 (1) or int64 (7) data, as numbers. */
  dataType: number;
  data: Float32Array | number[];
}

/** The attribute kinds a conv model uses: one integer (group) and integer lists (pads, strides, …). */
export interface OnnxAttribute {
  name: string;
  i?: number;
  ints?: number[];
}

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: Record<string, OnnxAttribute>;
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  initializers: Map<string, OnnxTensor>;
  inputs: string[];
  outputs: string[];
}

interface Field {
  no: number;
  wire: number;
  /** varint value (wire 0), or the fixed32 / fixed64 bits as a number */
  value?: number;
  bytes?: Uint8Array;
}

class Reader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): number {
    let result = 0;
    let shift = 1;
    for (;;) {
      const byte = this.buf[this.pos++];
      if (byte === undefined) throw new Error('ONNX: truncated varint');
      result += (byte & 0x7f) * shift;
      if ((byte & 0x80) === 0) return result;
      shift *= 128;
    }
  }

  field(): Field {
    const key = this.varint();
    const no = Math.floor(key / 8);
    const wire = key & 7;
    switch (wire) {
      case 0:
        return { no, wire, value: this.varint() };
      case 1: {
        const bytes = this.buf.subarray(this.pos, this.pos + 8);
        this.pos += 8;
        return { no, wire, bytes };
      }
      case 2: {
        const len = this.varint();
        const bytes = this.buf.subarray(this.pos, this.pos + len);
        if (bytes.length !== len) throw new Error('ONNX: truncated field');
        this.pos += len;
        return { no, wire, bytes };
      }
      case 5: {
        const bytes = this.buf.subarray(this.pos, this.pos + 4);
        this.pos += 4;
        return { no, wire, bytes };
      }
      default:
        throw new Error(`ONNX: unsupported wire type ${wire}`);
    }
  }
}

function fields(buf: Uint8Array): Field[] {
  const r = new Reader(buf);
  const out: Field[] = [];
  while (!r.done) out.push(r.field());
  return out;
}

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/** An int64 that may come packed (wire 2) or one per field (wire 0). Negative values come as 2^64 - v. */
function int64s(f: Field): number[] {
  const fix = (v: number) => (v >= 2 ** 63 ? v - 2 ** 64 : v);
  if (f.wire === 0) return [fix(f.value!)];
  const r = new Reader(f.bytes!);
  const out: number[] = [];
  while (!r.done) out.push(fix(r.varint()));
  return out;
}

function floats(f: Field): number[] {
  const b = f.bytes!;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: number[] = [];
  for (let o = 0; o + 4 <= b.byteLength; o += 4) out.push(view.getFloat32(o, true));
  return out;
}

function tensor(buf: Uint8Array): OnnxTensor {
  const t: OnnxTensor = { name: '', dims: [], dataType: 0, data: [] };
  let raw: Uint8Array | undefined;
  const floatData: number[] = [];
  const intData: number[] = [];
  for (const f of fields(buf)) {
    if (f.no === 1) t.dims.push(...int64s(f));
    else if (f.no === 2) t.dataType = f.value!;
    else if (f.no === 4) floatData.push(...floats(f));
    else if (f.no === 7) intData.push(...int64s(f));
    else if (f.no === 8) t.name = text(f.bytes);
    else if (f.no === 9) raw = f.bytes;
  }
  if (t.dataType === 1) {
    if (raw) {
      const copy = raw.slice();
      t.data = new Float32Array(copy.buffer, 0, copy.byteLength / 4);
    } else t.data = Float32Array.from(floatData);
  } else if (t.dataType === 7) {
    if (raw) {
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      const out: number[] = [];
      for (let o = 0; o < raw.byteLength; o += 8) out.push(Number(view.getBigInt64(o, true)));
      t.data = out;
    } else t.data = intData;
  } else {
    throw new Error(`ONNX: tensor ${t.name} has data type ${t.dataType}; only float32 and int64 are read`);
  }
  return t;
}

function attribute(buf: Uint8Array): OnnxAttribute {
  const a: OnnxAttribute = { name: '' };
  for (const f of fields(buf)) {
    if (f.no === 1) a.name = text(f.bytes);
    else if (f.no === 3) a.i = int64s(f)[0];
    else if (f.no === 8) (a.ints ??= []).push(...int64s(f));
  }
  return a;
}

function node(buf: Uint8Array): OnnxNode {
  const n: OnnxNode = { opType: '', name: '', inputs: [], outputs: [], attributes: {} };
  for (const f of fields(buf)) {
    if (f.no === 1) n.inputs.push(text(f.bytes));
    else if (f.no === 2) n.outputs.push(text(f.bytes));
    else if (f.no === 3) n.name = text(f.bytes);
    else if (f.no === 4) n.opType = text(f.bytes);
    else if (f.no === 5) {
      const a = attribute(f.bytes!);
      n.attributes[a.name] = a;
    }
  }
  return n;
}

const valueInfoName = (buf: Uint8Array) => text(fields(buf).find((f) => f.no === 1)?.bytes);

export function parseOnnx(file: Uint8Array): OnnxGraph {
  // A Node Buffer's slice() is a view, not a copy: read through a plain Uint8Array.
  const model = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  const graphField = fields(model).find((f) => f.no === 7);
  if (!graphField) throw new Error('ONNX: no graph in this file');
  const graph: OnnxGraph = { nodes: [], initializers: new Map(), inputs: [], outputs: [] };
  for (const f of fields(graphField.bytes!)) {
    if (f.no === 1) graph.nodes.push(node(f.bytes!));
    else if (f.no === 5) {
      const t = tensor(f.bytes!);
      graph.initializers.set(t.name, t);
    } else if (f.no === 11) graph.inputs.push(valueInfoName(f.bytes!));
    else if (f.no === 12) graph.outputs.push(valueInfoName(f.bytes!));
  }
  // Older exporters list initialisers among the inputs too.
  graph.inputs = graph.inputs.filter((name) => !graph.initializers.has(name));
  return graph;
}
