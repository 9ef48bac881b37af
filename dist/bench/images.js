/**
 * Images as benchmark inputs (`--inputs DIR|FILE...`): found, decoded (JPEG with jpeg-js, PNG with
 * pngjs: both pure JavaScript, nothing native to download), letterboxed as Ultralytics preprocesses
 * (letterbox.ts) and turned into one ready-made feed per image, all before any timed run. Every bad
 * image is one UsageError line naming the input and the file.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { Float16Array } from '@petamoriken/float16';
import jpeg from 'jpeg-js';
import * as ort from 'onnxruntime-node';
import { PNG } from 'pngjs';
import { UsageError, errorMessage } from '../util/errors.js';
import { letterbox } from './letterbox.js';
import { declaredInputs, ONNX_ELEMENT_TYPE_NAMES } from '../model/inspect.js';
const EXTENSIONS = new Set(['.jpg', '.jpeg', '.png']);
/** Decoding limit: a 64-megapixel image is far beyond any camera frame a detector is fed. */
const MAX_PIXELS = 64 * 1024 * 1024;
/**
 * The image files named by `specs`: files as given, folders expanded to their JPEG/PNG files (by
 * extension, sorted by name, not recursive).
 * @throws UsageError for a missing path or a folder without images.
 */
export async function listImageFiles(specs, label = '--inputs') {
    const files = [];
    for (const spec of specs) {
        let info;
        try {
            info = await stat(spec);
        }
        catch (err) {
            throw new UsageError(`${label}: cannot read "${spec}": ${errorMessage(err)}`, { cause: err });
        }
        if (!info.isDirectory()) {
            files.push(spec);
            continue;
        }
        const names = (await readdir(spec))
            .filter((n) => EXTENSIONS.has(extname(n).toLowerCase()))
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        if (names.length === 0)
            throw new UsageError(`${label}: no JPEG or PNG images in folder "${spec}"`);
        files.push(...names.map((n) => join(spec, n)));
    }
    if (files.length === 0)
        throw new UsageError(`${label}: no images given`);
    return files;
}
/** The format by magic number, whatever the extension says. */
function sniff(bytes) {
    if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
        return 'jpeg';
    if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
        return 'png';
    const ascii = String.fromCharCode(...bytes.subarray(0, 12));
    if (ascii.startsWith('GIF8'))
        return 'GIF';
    if (ascii.startsWith('BM'))
        return 'BMP';
    if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP')
        return 'WebP';
    if (ascii.slice(4, 8) === 'ftyp')
        return 'HEIF/AVIF';
    if (ascii.startsWith('II*') || ascii.startsWith('MM\0*'))
        return 'TIFF';
    return 'unknown';
}
/** RGBA (as both decoders return) to RGB; alpha is dropped as OpenCV's imread(IMREAD_COLOR) does. */
function rgbaToRgb(data, width, height) {
    const rgb = new Uint8Array(3 * width * height);
    for (let i = 0, j = 0; j < rgb.length; i += 4, j += 3) {
        rgb[j] = data[i];
        rgb[j + 1] = data[i + 1];
        rgb[j + 2] = data[i + 2];
    }
    return rgb;
}
/**
 * Decodes one JPEG or PNG file to 8-bit RGB (greyscale and 16-bit PNGs converted, alpha dropped).
 * @throws UsageError naming the file: empty, unsupported format, corrupt.
 */
export async function decodeImageFile(path, label = '--inputs') {
    let bytes;
    try {
        bytes = await readFile(path);
    }
    catch (err) {
        throw new UsageError(`${label}: cannot read "${path}": ${errorMessage(err)}`, { cause: err });
    }
    if (bytes.length === 0)
        throw new UsageError(`${label}: "${path}" is empty`);
    const format = sniff(bytes);
    if (format !== 'jpeg' && format !== 'png') {
        throw new UsageError(`${label}: "${path}" is not a JPEG or PNG image (${format === 'unknown' ? 'unrecognised content' : `${format} is not supported`}); convert it to JPEG or PNG`);
    }
    try {
        if (format === 'jpeg') {
            const img = jpeg.decode(bytes, {
                useTArray: true,
                formatAsRGBA: true,
                maxResolutionInMP: MAX_PIXELS / 1024 / 1024,
                maxMemoryUsageInMB: 1024,
            });
            return { width: img.width, height: img.height, rgb: rgbaToRgb(img.data, img.width, img.height) };
        }
        const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        if (png.width * png.height > MAX_PIXELS)
            throw new Error(`${png.width}x${png.height} is too large`);
        return { width: png.width, height: png.height, rgb: rgbaToRgb(png.data, png.width, png.height) };
    }
    catch (err) {
        if (err instanceof UsageError)
            throw err;
        const what = format === 'jpeg' ? 'JPEG' : 'PNG';
        const why = errorMessage(err).split('\n')[0];
        throw new UsageError(`${label}: "${path}" is not a readable ${what} image (corrupt or truncated: ${why})`, {
            cause: err,
        });
    }
}
/**
 * Checks that a model input can take letterboxed images: NCHW with batch 1 and 3 channels (RGB),
 * a floating-point type.
 * @throws UsageError naming the model input and its shape.
 */
export function checkImageInput(inputs, label = '--inputs') {
    if (inputs.length !== 1) {
        throw new UsageError(`${label}: the model has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}); images can feed a model with one image input`);
    }
    const input = inputs[0];
    const [n, c, h, w] = input.shape;
    if (input.shape.length !== 4 || n !== 1 || !h || !w) {
        throw new UsageError(`${label}: model input "${input.name}" has shape [${input.shape.join(', ')}]; images feed [1, 3, H, W]`);
    }
    if (c !== 3) {
        throw new UsageError(`${label}: model input "${input.name}" takes ${c} channel(s) (shape [${input.shape.join(', ')}]); images are fed as 3 channels (RGB)`);
    }
    if (input.dtype !== 'float32' && input.dtype !== 'float16') {
        throw new UsageError(`${label}: model input "${input.name}" is ${input.dtype}; images are fed as float32 or float16 scaled to [0, 1]`);
    }
    return input;
}
/**
 * Finds and decodes every image named by `specs` (files or folders): every bad image fails here, before
 * a model is loaded.
 */
export async function decodeImages(specs, label = '--inputs') {
    const files = await listImageFiles(specs, label);
    const images = [];
    const pixels = [];
    for (const path of files) {
        const img = await decodeImageFile(path, label);
        pixels.push(img);
        images.push({ name: basename(path), path, width: img.width, height: img.height });
    }
    return { images, pixels };
}
/** Letterboxes decoded images for `input` (its H x W and dtype): one ready tensor per image. */
export function fitImages(decoded, input) {
    const [, , h, w] = input.shape;
    const tensors = decoded.pixels.map((img) => {
        const { chw } = letterbox(img, w, h);
        const data = input.dtype === 'float16' ? new Uint16Array(new Float16Array(chw).buffer) : chw;
        return new ort.Tensor(input.dtype, data, input.shape);
    });
    return { images: decoded.images, tensors };
}
/**
 * Decodes and letterboxes every image for `input` into one tensor per image. All the work happens
 * here, before the session's first timed run.
 */
export async function prepareImages(files, input, label = '--inputs') {
    return fitImages(await decodeImages(files, label), input);
}
/**
 * The model file's own input declaration checked for images before a session is created, so a model
 * images cannot feed fails at once. Inputs with symbolic dimensions are left to {@link checkImageInput}
 * once they are resolved.
 */
export function checkImageModelFile(bytes, label = '--inputs') {
    const inputs = declaredInputs(bytes);
    if (!inputs)
        return; // not readable here: the session reports it in its own words
    const resolved = [];
    for (const i of inputs) {
        if (i.elemType === undefined || i.dims.some((d) => typeof d !== 'number'))
            return;
        const dtype = ONNX_ELEMENT_TYPE_NAMES[i.elemType];
        if (!dtype)
            return;
        resolved.push({ name: i.name, dtype, shape: i.dims });
    }
    checkImageInput(resolved, label);
}
