/**
 * Ultralytics' preprocessing of one image for a fixed-size model, as plain data (pure).
 *
 * LetterBox (ultralytics/data/augment.py, `auto=False, scaleup=True, center=True`): scale by
 * r = min(H / h, W / w) keeping the aspect ratio, new size (round(w r), round(h r)), bilinear
 * resize (OpenCV INTER_LINEAR: half-pixel centres, edge clamped), pad the rest with 114 split between
 * both sides (`round(d - 0.1)` before, `round(d + 0.1)` after); then RGB, HWC -> CHW, / 255.
 * Python's round (ties to even) is used where Ultralytics calls it.
 */
/** Ultralytics' letterbox fill value (grey), per channel. */
export const PAD_VALUE = 114;
/** Python's round(): ties go to the even neighbour. */
function pyRound(x) {
    const f = Math.floor(x);
    const d = x - f;
    if (d > 0.5)
        return f + 1;
    if (d < 0.5)
        return f;
    return f % 2 === 0 ? f : f + 1;
}
/** The resize and padding LetterBox applies to a `width` x `height` image for a `outW` x `outH` input. */
export function letterboxGeometry(width, height, outW, outH) {
    const scale = Math.min(outH / height, outW / width);
    const resizedWidth = pyRound(width * scale);
    const resizedHeight = pyRound(height * scale);
    const dw = (outW - resizedWidth) / 2;
    const dh = (outH - resizedHeight) / 2;
    return { scale, resizedWidth, resizedHeight, top: pyRound(dh - 0.1), left: pyRound(dw - 0.1) };
}
/**
 * Letterboxes `img` into a [3, outH, outW] planar float array in [0, 1] (RGB order), the values
 * Ultralytics feeds an exported model. The caller converts to the model's dtype.
 */
export function letterbox(img, outW, outH) {
    const g = letterboxGeometry(img.width, img.height, outW, outH);
    const plane = outW * outH;
    const chw = new Float32Array(3 * plane).fill(PAD_VALUE / 255);
    const sx = img.width / g.resizedWidth;
    const sy = img.height / g.resizedHeight;
    for (let y = 0; y < g.resizedHeight; y++) {
        const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), img.height - 1);
        const y0 = Math.floor(fy);
        const y1 = Math.min(y0 + 1, img.height - 1);
        const wy = fy - y0;
        const oy = g.top + y;
        if (oy < 0 || oy >= outH)
            continue;
        for (let x = 0; x < g.resizedWidth; x++) {
            const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), img.width - 1);
            const x0 = Math.floor(fx);
            const x1 = Math.min(x0 + 1, img.width - 1);
            const wx = fx - x0;
            const ox = g.left + x;
            if (ox < 0 || ox >= outW)
                continue;
            const i00 = 3 * (y0 * img.width + x0);
            const i01 = 3 * (y0 * img.width + x1);
            const i10 = 3 * (y1 * img.width + x0);
            const i11 = 3 * (y1 * img.width + x1);
            for (let c = 0; c < 3; c++) {
                const top = img.rgb[i00 + c] * (1 - wx) + img.rgb[i01 + c] * wx;
                const bottom = img.rgb[i10 + c] * (1 - wx) + img.rgb[i11 + c] * wx;
                // OpenCV returns 8-bit pixels; round like it before scaling to [0, 1].
                chw[c * plane + oy * outW + ox] = Math.round(top * (1 - wy) + bottom * wy) / 255;
            }
        }
    }
    return { chw, geometry: g };
}
