/**
 * Builds the ONNX graph of a YOLOv8/YOLO11 detection model from the layer tables, following
 * Ultralytics' `parse_model` and the blocks in ultralytics/nn/modules/{conv,block,head}.py, and the
 * node names `torch.onnx.export` gives them. Counts parameters and FLOPs while it goes, so the
 * numbers come from the same code path as the graph.
 */
import { archTable } from './architectures.js';
import { GraphBuilder, Scope, attr } from './onnx-graph.js';
/** Ultralytics' `max_det` default: detections kept per image by end-to-end heads and NMS. */
export const MAX_DET = 300;
/**
 * Class-logit bias of models generated with NMS. Class logits have unit variance around this value,
 * so the best of 80 classes (about +2.3 standard deviations) passes the default 0.25 confidence
 * (logit -1.1) for roughly a tenth of the anchors on noise input, and for none or all of an image's
 * flat regions: NMS gets a realistic, input-dependent number of candidates. Ultralytics' bias_init
 * (about -9 at stride 8) would leave it nothing to do with random weights.
 */
export const NMS_CLASS_BIAS = -2.8;
/** Pre-activation variance every Ultralytics Conv is normalised to (a trained BatchNorm gives ~1). */
const PRE_ACT_VAR = 0.05;
/** Half-width of the uniform noise added to BatchNorm-folded biases. */
const BIAS_NOISE = 0.05;
const REG_MAX = 16;
const STRIDES = [8, 16, 32];
const normalPdf = (z) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
/** E[f(z)] for z ~ N(0, 1), by the midpoint rule on [-12, 12] (plenty for these smooth integrands). */
function expectNormal(f, density = normalPdf) {
    const steps = 4800;
    const h = 24 / steps;
    let sum = 0;
    for (let i = 0; i < steps; i++) {
        const z = -12 + (i + 0.5) * h;
        sum += f(z) * density(z) * h;
    }
    return sum;
}
/** Mean and variance of SiLU(x) for x ~ N(0, v). */
function siluMoments(v) {
    const sd = Math.sqrt(v);
    const silu = (z) => (sd * z) / (1 + Math.exp(-sd * z));
    const mean = expectNormal(silu);
    return { mean, var: expectNormal((z) => silu(z) ** 2) - mean * mean };
}
/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf approximation, |error| < 1.5e-7). */
function normalCdf(z) {
    const x = Math.abs(z) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * x);
    const erf = 1 -
        ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
            t *
            Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
/** Mean and variance of the max of n iid standard normals: how a max pool over n values moves statistics. */
function maxMoments(n) {
    const density = (z) => n * normalPdf(z) * normalCdf(z) ** (n - 1);
    const mean = expectNormal((z) => z, density);
    return { mean, var: expectNormal((z) => z * z, density) - mean * mean };
}
const SILU = siluMoments(PRE_ACT_VAR);
const filled = (c, v) => new Float64Array(c).fill(v);
/** Ultralytics' make_divisible(x, 8): round channel counts up to a multiple of 8. */
function makeDivisible(x, divisor = 8) {
    return Math.ceil(x / divisor) * divisor;
}
/** Python's round(): ties go to the even neighbour (parse_model rounds repeats with it). */
function pyRound(x) {
    const r = Math.round(x);
    return Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : r;
}
function gcd(a, b) {
    return b === 0 ? a : gcd(b, a % b);
}
function num(arg, fallback) {
    return typeof arg === 'number' ? arg : fallback;
}
function bool(arg, fallback) {
    return typeof arg === 'boolean' ? arg : fallback;
}
/** Graph plus running counters; one method per Ultralytics block. */
class Net {
    g = new GraphBuilder();
    msEstimates = new Map();
    flops = 0;
    fused = 0;
    unfused = 0;
    /**
     * Class-logit bias of the Detect head, replacing Ultralytics' bias_init value. With random weights
     * that value leaves no class score above a confidence threshold, so a model with NMS in the graph
     * would never run NMS on anything; see {@link NMS_CLASS_BIAS}.
     */
    clsBiasOffset;
    note(x) {
        let ms = 0;
        for (let i = 0; i < x.c; i++)
            ms += x.var[i] + x.mean[i] ** 2;
        this.msEstimates.set(x.name, ms / x.c);
        return x;
    }
    /**
     * Ultralytics `Conv`: Conv2d(bias=False) + BatchNorm2d + SiLU. Exported with the BatchNorm folded
     * into the conv bias and SiLU as Sigmoid + Mul, which is what an Ultralytics ONNX export contains.
     */
    conv(scope, x, c2, k = 1, s = 1, opts = {}) {
        const act = opts.act ?? true;
        const y = this.convNode(scope.child('conv'), x, c2, k, s, opts.g ?? 1, PRE_ACT_VAR, 0, BIAS_NOISE * Math.sqrt(PRE_ACT_VAR));
        // Fused: the folded bias (c2). Unfused: conv without bias, BatchNorm weight + bias (2 x c2).
        this.fused += c2;
        this.unfused += 2 * c2;
        if (!act)
            return y;
        const as = scope.child('act');
        const [sig] = this.g.node(as, 'Sigmoid', [y.name]);
        const [mul] = this.g.node(as, 'Mul', [y.name, sig]);
        return this.note({ ...y, name: mul, mean: filled(c2, SILU.mean), var: filled(c2, SILU.var) });
    }
    /**
     * A plain nn.Conv2d with a bias (Detect's last 1x1 convs); `scope` is the Conv2d itself. Logits get
     * unit variance around `offset` (Ultralytics' bias_init values).
     */
    conv2d(scope, x, c2, offset) {
        const y = this.convNode(scope, x, c2, 1, 1, 1, 1, offset, 0);
        this.fused += c2;
        this.unfused += c2;
        return y;
    }
    /** The Conv node: weights normalised against the input statistics (see {@link Fm}). */
    convNode(scope, x, c2, k, s, groups, target, offset, noise) {
        if (x.c % groups !== 0 || c2 % groups !== 0)
            throw new Error(`${scope.path}: channels ${x.c}->${c2} not divisible by groups ${groups}`);
        const p = Math.floor(k / 2); // Ultralytics autopad for odd k, dilation 1
        const h = Math.floor((x.h + 2 * p - k) / s) + 1;
        const w = Math.floor((x.w + 2 * p - k) / s) + 1;
        const cin = x.c / groups;
        const inMs = x.var.map((v, i) => v + x.mean[i] ** 2);
        const weight = this.g.floatInit(`${scope.qual}.weight`, [c2, cin, k, k], {
            kind: 'normalized-conv',
            inMs,
            groups,
            target,
        });
        const bias = this.g.floatInit(`${scope.qual}.bias`, [c2], {
            kind: 'uniform',
            center: offset,
            halfWidth: noise,
        });
        const [out] = this.g.node(scope, 'Conv', [x.name, weight, bias], [
            attr.ints('dilations', [1, 1]),
            attr.int('group', groups),
            attr.ints('kernel_shape', [k, k]),
            attr.ints('pads', [p, p, p, p]),
            attr.ints('strides', [s, s]),
        ]);
        const weights = c2 * cin * k * k;
        this.fused += weights;
        this.unfused += weights;
        this.flops += 2 * c2 * h * w * cin * k * k;
        return this.note({
            name: out,
            c: c2,
            h,
            w,
            mean: filled(c2, offset),
            var: filled(c2, target + (noise * noise) / 3),
        });
    }
    concat(scope, xs, name) {
        const [out] = this.g.node(scope, 'Concat', xs.map((x) => x.name), [attr.int('axis', 1)], 1, name);
        const c = xs.reduce((a, x) => a + x.c, 0);
        const mean = new Float64Array(c);
        const variance = new Float64Array(c);
        let at = 0;
        for (const x of xs) {
            mean.set(x.mean, at);
            variance.set(x.var, at);
            at += x.c;
        }
        return this.note({ name: out, c, h: xs[0].h, w: xs[0].w, mean, var: variance });
    }
    /** Residual add; the branch is treated as uncorrelated with its input (true for random weights). */
    add(scope, a, b) {
        const [out] = this.g.node(scope, 'Add', [a.name, b.name]);
        return this.note({
            ...a,
            name: out,
            mean: a.mean.map((m, i) => m + b.mean[i]),
            var: a.var.map((v, i) => v + b.var[i]),
        });
    }
    /** torch.chunk/split along channels, exported as Split with a sizes input. */
    splitChannels(scope, x, sizes) {
        const outs = this.g.node(scope, 'Split', [x.name, this.g.intConst(scope, sizes)], [attr.int('axis', 1)], sizes.length);
        let at = 0;
        return outs.map((name, i) => {
            const c = sizes[i];
            const part = { name, c, h: x.h, w: x.w, mean: x.mean.slice(at, at + c), var: x.var.slice(at, at + c) };
            at += c;
            return part;
        });
    }
    /** Bottleneck(c1, c2, shortcut, k=(3, 3), e): two convs, residual add when shapes allow. */
    bottleneck(scope, x, c2, shortcut, e) {
        const hidden = Math.floor(c2 * e);
        const y = this.conv(scope.child('cv2'), this.conv(scope.child('cv1'), x, hidden, 3), c2, 3);
        return shortcut && x.c === c2 ? this.add(scope, x, y) : y;
    }
    /** C3k: C3 with n Bottlenecks (e=1.0) in an nn.Sequential `m`, k=3. */
    c3k(scope, x, c2, n, shortcut, e = 0.5) {
        const hidden = Math.floor(c2 * e);
        const seq = scope.child('m', true);
        let a = this.conv(scope.child('cv1'), x, hidden, 1);
        for (let i = 0; i < n; i++)
            a = this.bottleneck(seq.child(String(i)), a, hidden, shortcut, 1.0);
        const b = this.conv(scope.child('cv2'), x, hidden, 1);
        return this.conv(scope.child('cv3'), this.concat(scope, [a, b]), c2, 1);
    }
    /**
     * C2f / C3k2: cv1 to 2c channels, chunk in two, n inner blocks on the last chunk (each output kept),
     * concat (2+n)c, cv2 to c2. The inner block is what distinguishes them.
     */
    csp(scope, x, c2, n, hidden, inner, innerIsSequential = false) {
        const y = this.conv(scope.child('cv1'), x, 2 * hidden, 1);
        const parts = this.splitChannels(scope, y, [hidden, hidden]);
        // nn.ModuleList `m` is indexed, not called, so its children appear as `m.0`, `m.1` in node names.
        for (let i = 0; i < n; i++)
            parts.push(inner(scope.child(`m.${i}`, innerIsSequential), parts[parts.length - 1]));
        return this.conv(scope.child('cv2'), this.concat(scope, parts), c2, 1);
    }
    /**
     * SPPF: cv1 to c1/2, the same k x k MaxPool applied `n` times in a row, concat n+1, cv2. YOLO26's
     * form (`[c2, k, n, shortcut]`) has no activation after cv1 and adds the input back when c1 == c2.
     */
    sppf(scope, x, c2, k, n = 3, shortcut = false, cv1Act = true) {
        const y0 = this.conv(scope.child('cv1'), x, Math.floor(x.c / 2), 1, 1, { act: cv1Act });
        const ys = [y0];
        const pool = scope.child('m');
        const p = Math.floor(k / 2);
        for (let i = 1; i <= n; i++) {
            // One module called n times: the exporter numbers its scope (m, m_1, m_2).
            const s = i === 1 ? pool : pool.withLastLevel(`m_${i - 1}`);
            const prev = ys[ys.length - 1];
            const [out] = this.g.node(s, 'MaxPool', [prev.name], [
                attr.int('ceil_mode', 0),
                attr.ints('dilations', [1, 1]),
                attr.ints('kernel_shape', [k, k]),
                attr.ints('pads', [p, p, p, p]),
                attr.ints('strides', [1, 1]),
            ]);
            // i chained pools cover an (i(k-1)+1)^2 window of y0; estimate as the max of that many normals.
            const mm = maxMoments((i * (k - 1) + 1) ** 2);
            const sd = y0.var.map(Math.sqrt);
            ys.push(this.note({
                ...y0,
                name: out,
                mean: y0.mean.map((m, j) => m + mm.mean * sd[j]),
                var: y0.var.map((v) => v * mm.var),
            }));
        }
        const y = this.conv(scope.child('cv2'), this.concat(scope, ys), c2, 1);
        return shortcut && x.c === c2 ? this.add(scope, y, x) : y;
    }
    reshape(scope, x, shape, name) {
        return this.g.node(scope, 'Reshape', [x, this.g.intConst(scope, shape)], [attr.int('allowzero', 0)], 1, name)[0];
    }
    transpose(scope, x, perm, name) {
        return this.g.node(scope, 'Transpose', [x], [attr.ints('perm', perm)], 1, name)[0];
    }
    /**
     * Attention (YOLO11 PSA): qkv 1x1 conv, per-head q^T k scaled by key_dim^-0.5, softmax over keys,
     * v @ attn^T, plus a depthwise 3x3 positional encoding of v, then a 1x1 projection.
     */
    attention(scope, x, numHeads, attnRatio) {
        const dim = x.c;
        const headDim = Math.floor(dim / numHeads);
        const keyDim = Math.floor(headDim * attnRatio);
        const n = x.h * x.w;
        const qkv = this.conv(scope.child('qkv'), x, dim + 2 * keyDim * numHeads, 1, 1, { act: false });
        const view = this.reshape(scope, qkv.name, [1, numHeads, 2 * keyDim + headDim, n]);
        const [q, k, v] = this.g.node(scope, 'Split', [view, this.g.intConst(scope, [keyDim, keyDim, headDim])], [attr.int('axis', 2)], 3);
        const qt = this.transpose(scope, q, [0, 1, 3, 2]);
        const [scores] = this.g.node(scope, 'MatMul', [qt, k]);
        const scale = this.g.floatConst(scope, [], Float32Array.of(keyDim ** -0.5));
        const [scaled] = this.g.node(scope, 'Mul', [scores, scale]);
        const [probs] = this.g.node(scope, 'Softmax', [scaled], [attr.int('axis', -1)]);
        const pt = this.transpose(scope, probs, [0, 1, 3, 2]);
        const [mixed] = this.g.node(scope, 'MatMul', [v, pt]);
        const attended = this.reshape(scope, mixed, [1, dim, x.h, x.w]);
        const v4 = this.reshape(scope, v, [1, dim, x.h, x.w]);
        // v is a bias-free-ish linear map (unit variance); a softmax-weighted average over n tokens shrinks it.
        const vStats = { mean: filled(dim, 0), var: filled(dim, PRE_ACT_VAR) };
        const pe = this.conv(scope.child('pe'), { ...x, name: v4, ...vStats }, dim, 3, 1, { g: dim, act: false });
        const avg = { mean: filled(dim, 0), var: filled(dim, PRE_ACT_VAR / n) };
        const sum = this.add(scope, { ...x, name: attended, ...avg }, pe);
        return this.conv(scope.child('proj'), sum, dim, 1, 1, { act: false });
    }
    /** PSABlock: x + attn(x), then x + ffn(x) with ffn = Conv(c, 2c) -> Conv(2c, c, act=False). */
    psaBlock(scope, x, numHeads) {
        const a = this.add(scope, x, this.attention(scope.child('attn'), x, numHeads, 0.5));
        const ffn = scope.child('ffn', true);
        const f = this.conv(ffn.child('1'), this.conv(ffn.child('0'), a, 2 * x.c, 1), x.c, 1, 1, { act: false });
        return this.add(scope, a, f);
    }
    /** C2PSA: cv1 to 2c, split, n PSABlocks (num_heads = c // 64) on the second half, concat, cv2. */
    c2psa(scope, x, n) {
        const c = Math.floor(x.c * 0.5);
        const [a, b] = this.splitChannels(scope, this.conv(scope.child('cv1'), x, 2 * c, 1), [c, c]);
        const seq = scope.child('m', true);
        let y = b;
        for (let i = 0; i < n; i++)
            y = this.psaBlock(seq.child(String(i)), y, Math.floor(c / 64));
        return this.conv(scope.child('cv2'), this.concat(scope, [a, y]), x.c, 1);
    }
    /**
     * Detect, decoded as in an export: per level cat(box 4*reg_max, cls nc), flatten and cat over levels,
     * split, DFL (softmax over reg_max bins, 1x1 conv with weights 0..reg_max-1; absent when reg_max is 1),
     * dist2bbox around anchor points (xywh; xyxy for end-to-end heads), times stride; sigmoid of class
     * logits; cat -> [1, 4+nc, A]. An end-to-end head (YOLO26) runs its one-to-one branches
     * (`one2one_cv2`/`one2one_cv3`, the branches an export keeps) and appends the top-k selection of
     * `Detect.postprocess`, giving [1, maxDet, 6] (x1, y1, x2, y2, score, class).
     * @param legacy YOLOv8's cls branch (two 3x3 Convs); YOLO11/YOLO26 use DWConv + 1x1 Conv pairs.
     */
    detect(scope, feats, nc, opts) {
        const { legacy, regMax, endToEnd } = opts;
        const ch0 = feats[0].c;
        const c2 = Math.max(16, Math.floor(ch0 / 4), regMax * 4);
        const c3 = Math.max(ch0, Math.min(nc, 100));
        const no = nc + 4 * regMax;
        const p = scope.path;
        // The end-to-end head is a deep copy of the one-to-many branches; an export keeps only the copy.
        const boxAttr = endToEnd ? 'one2one_cv2' : 'cv2';
        const clsAttr = endToEnd ? 'one2one_cv3' : 'cv3';
        const before = { unfused: this.unfused, flops: this.flops };
        const levels = feats.map((f, i) => {
            const box = scope.child(`${boxAttr}.${i}`, true);
            let b = this.conv(box.child('0'), f, c2, 3);
            b = this.conv(box.child('1'), b, c2, 3);
            // Ultralytics' bias_init: box logits start at a constant, class logits at log(5 / nc / (640 / stride)^2).
            b = this.conv2d(box.child('2'), b, 4 * regMax, 1);
            const cls = scope.child(`${clsAttr}.${i}`, true);
            let c;
            if (legacy) {
                c = this.conv(cls.child('1'), this.conv(cls.child('0'), f, c3, 3), c3, 3);
            }
            else {
                // DWConv(c1, c2, 3) is a Conv with groups = gcd(c1, c2).
                const s0 = cls.child('0', true);
                c = this.conv(s0.child('1'), this.conv(s0.child('0'), f, f.c, 3, 1, { g: gcd(f.c, f.c) }), c3, 1);
                const s1 = cls.child('1', true);
                c = this.conv(s1.child('1'), this.conv(s1.child('0'), c, c3, 3, 1, { g: c3 }), c3, 1);
            }
            const offset = this.clsBiasOffset ?? Math.log(5 / nc / (640 / STRIDES[i]) ** 2);
            c = this.conv2d(cls.child('2'), c, nc, offset);
            return this.concat(scope, [b, c], this.g.uniqueName(`${p}/Concat`));
        });
        // Training builds both heads (the summary line of the YAML counts them); the copy costs the same.
        const trainingExtra = endToEnd
            ? { unfused: this.unfused - before.unfused, flops: this.flops - before.flops }
            : { unfused: 0, flops: 0 };
        const total = levels.reduce((a, f) => a + f.h * f.w, 0);
        const flat = levels.map((f) => this.reshape(scope, f.name, [1, no, f.h * f.w], this.g.uniqueName(`${p}/Reshape`)));
        const [all] = this.g.node(scope, 'Concat', flat, [attr.int('axis', 2)], 1, this.g.uniqueName(`${p}/Concat`));
        const [box, cls] = this.g.node(scope, 'Split', [all, this.g.intConst(scope, [4 * regMax, nc])], [attr.int('axis', 1)], 2);
        let dist = box;
        if (regMax > 1) {
            // DFL: expected value of a reg_max-bin distribution per box side.
            const dfl = scope.child('dfl');
            const bins = this.reshape(dfl, box, [1, 4, regMax, total]);
            const t = this.transpose(dfl, bins, [0, 2, 1, 3]);
            const [soft] = this.g.node(dfl, 'Softmax', [t], [attr.int('axis', 1)]);
            const dflConv = dfl.child('conv');
            const arange = Float32Array.from({ length: regMax }, (_, i) => i);
            const wName = this.g.floatInit(`${dflConv.qual}.weight`, [1, regMax, 1, 1], {
                kind: 'data',
                data: arange,
            });
            const [dist4] = this.g.node(dflConv, 'Conv', [soft, wName], [
                attr.ints('dilations', [1, 1]),
                attr.int('group', 1),
                attr.ints('kernel_shape', [1, 1]),
                attr.ints('pads', [0, 0, 0, 0]),
                attr.ints('strides', [1, 1]),
            ]);
            // The DFL weight is frozen but is an nn.Parameter, so Ultralytics' parameter count includes it.
            this.fused += regMax;
            this.unfused += regMax;
            this.flops += 2 * 4 * total * regMax;
            dist = this.reshape(dfl, dist4, [1, 4, total]);
        }
        // dist2bbox. Names copy an Ultralytics export, whose shape arithmetic used up some numbers.
        const sliceAt = (from, to) => this.g.node(scope, 'Slice', [
            dist,
            this.g.intConst(scope, [from]),
            this.g.intConst(scope, [to]),
            this.g.intConst(scope, [1]),
        ])[0];
        const lt = sliceAt(0, 2);
        const rb = sliceAt(2, 4);
        const anchors = new Float32Array(2 * total);
        const strides = new Float32Array(total);
        let a = 0;
        feats.forEach((f, i) => {
            for (let y = 0; y < f.h; y++) {
                for (let x = 0; x < f.w; x++, a++) {
                    anchors[a] = x + 0.5;
                    anchors[total + a] = y + 0.5;
                    strides[a] = STRIDES[i];
                }
            }
        });
        const anchorName = this.g.floatConst(scope, [2, total], anchors);
        const [x1y1] = this.g.node(scope, 'Sub', [anchorName, lt]);
        const [x2y2] = this.g.node(scope, 'Add', [anchorName, rb], [], 1, `${p}/Add_1`);
        let boxes;
        if (endToEnd) {
            // End-to-end heads decode to xyxy (Detect.decode_bboxes: xywh only without end2end).
            [boxes] = this.g.node(scope, 'Concat', [x1y1, x2y2], [attr.int('axis', 1)], 1, this.g.uniqueName(`${p}/Concat`));
        }
        else {
            const [sum] = this.g.node(scope, 'Add', [x1y1, x2y2], [], 1, `${p}/Add_2`);
            const [center] = this.g.node(scope, 'Div', [sum, this.g.floatConst(scope, [], Float32Array.of(2))], [], 1, `${p}/Div_1`);
            const [wh] = this.g.node(scope, 'Sub', [x2y2, x1y1]);
            [boxes] = this.g.node(scope, 'Concat', [center, wh], [attr.int('axis', 1)], 1, this.g.uniqueName(`${p}/Concat`));
        }
        const [scaled] = this.g.node(scope, 'Mul', [boxes, this.g.floatConst(scope, [1, total], strides)], [], 1, `${p}/Mul_2`);
        const [scores] = this.g.node(scope, 'Sigmoid', [cls]);
        if (!endToEnd) {
            const outName = this.g.uniqueName(`${p}/Concat`);
            this.g.nodes.push({
                name: outName,
                opType: 'Concat',
                input: [scaled, scores],
                output: [opts.output],
                attribute: [attr.int('axis', 1)],
            });
            return { name: opts.output, anchors: total, dims: [1, 4 + nc, total], trainingExtra };
        }
        const [decoded] = this.g.node(scope, 'Concat', [scaled, scores], [attr.int('axis', 1)], 1, this.g.uniqueName(`${p}/Concat`));
        const k = Math.min(opts.maxDet, total);
        const out = this.topKSelect(scope, decoded, nc, k, opts.output);
        return { name: out, anchors: total, dims: [1, k, 6], trainingExtra };
    }
    /**
     * Non-maximum suppression appended the way Ultralytics' exporter wraps a model with `nms=True`
     * (its NMSModel): transpose to [A, 4+nc], best class and its score per anchor, keep anchors whose
     * score is above `conf` (boolean indexing: NonZero + Gather, so the sizes from here on depend on the
     * input), scale boxes to [0, 1/nc] and offset them by class so classes never suppress each other,
     * torchvision `nms` (ONNX NonMaxSuppression, IoU threshold `iou`), the first `maxDet` survivors,
     * [box, score, class] padded with zeros to [1, maxDet, 6]. The nodes sit at the root scope (`/TopK`
     * style names, no `/model.N/`), as in the export. Boxes are xywh, hence `center_point_box=1`.
     */
    nms(detectOut, nc, imgsz, o) {
        const g = this.g;
        const root = Scope.root();
        const i64 = (v) => g.intConst(root, v);
        const f32 = (v) => g.floatConst(root, [], Float32Array.of(v), true);
        const one = (op, inputs, attrs = []) => g.node(root, op, inputs, attrs)[0];
        const pred = this.transpose(root, detectOut, [0, 2, 1]);
        const [boxes, scores] = g.node(root, 'Split', [pred, i64([4, nc])], [attr.int('axis', 2)], 2);
        const best = one('ReduceMax', [scores], [attr.ints('axes', [-1]), attr.int('keepdims', 0)]);
        const cls = one('ArgMax', [scores], [attr.int('axis', -1), attr.int('keepdims', 0)]);
        // The exporter unrolls the per-image loop; with batch 1 that is one `[0]` per tensor.
        const first = (x) => one('Gather', [x, g.intScalar(root, 0)], [attr.int('axis', 0)]);
        const box0 = first(boxes);
        const score0 = first(best);
        const cls0 = first(cls);
        const confName = g.floatInit('nms.conf_threshold', [], { kind: 'data', data: Float32Array.of(o.conf) }, true);
        const mask = one('Greater', [score0, confName]);
        const where = one('NonZero', [mask]);
        const idx = one('Squeeze', [where, i64([0])]);
        const pick = (x) => one('Gather', [x, idx], [attr.int('axis', 0)]);
        const box = pick(box0);
        const score = pick(score0);
        const clsKept = pick(cls0);
        const multiplier = 1 / Math.max(nc, 1);
        const nmsBox = one('Mul', [one('Div', [box, f32(imgsz)]), f32(multiplier)]);
        const clsFloat = one('Cast', [clsKept], [attr.int('to', 1)]);
        const offset = one('Mul', [one('Unsqueeze', [clsFloat, i64([1])]), f32(multiplier)]);
        const offBox = one('Add', [nmsBox, offset]);
        const iouName = g.floatInit('nms.iou_threshold', [], { kind: 'data', data: Float32Array.of(o.iou) }, true);
        const selected = one('NonMaxSuppression', [
            one('Unsqueeze', [offBox, i64([0])]),
            one('Unsqueeze', [one('Unsqueeze', [score, i64([0])]), i64([0])]),
            i64([o.maxDet]),
            iouName,
        ], [attr.int('center_point_box', 1)]);
        const keepAll = one('Gather', [selected, g.intScalar(root, 2)], [attr.int('axis', 1)]);
        const keep = one('Slice', [keepAll, i64([0]), i64([o.maxDet]), i64([0])]);
        const take = (x) => one('Gather', [x, keep], [attr.int('axis', 0)]);
        const dets = g.node(root, 'Concat', [
            take(box),
            one('Unsqueeze', [take(score), i64([1])]),
            one('Unsqueeze', [one('Cast', [take(clsKept)], [attr.int('to', 1)]), i64([1])]),
        ], [attr.int('axis', -1)])[0];
        const rows = one('Gather', [one('Shape', [dets]), g.intScalar(root, 0)], [attr.int('axis', 0)]);
        const missing = one('Unsqueeze', [one('Sub', [g.intScalar(root, o.maxDet), rows]), i64([0])]);
        const pads = g.node(root, 'Concat', [i64([0, 0]), missing, i64([0])], [attr.int('axis', 0)])[0];
        const padded = one('Pad', [dets, pads], [attr.string('mode', 'constant')]);
        g.nodes.push({
            name: g.uniqueName('/Unsqueeze'),
            opType: 'Unsqueeze',
            input: [padded, i64([0])],
            output: ['output0'],
            attribute: [],
        });
        return 'output0';
    }
    /**
     * `Detect.postprocess` of an end-to-end head as exported: permute to [1, A, 4+nc], split boxes and
     * scores, top-k anchors by their best class score, gather their class scores, top-k over the
     * flattened (anchor, class) scores, recover anchor and class from the flat index (// and % nc),
     * gather the boxes, concat [box, score, class] -> [1, k, 6]. Fixed cost: no data-dependent shapes.
     */
    topKSelect(scope, decoded, nc, k, output) {
        const g = this.g;
        const i64 = (v) => g.intConst(scope, v);
        const perm = this.transpose(scope, decoded, [0, 2, 1]);
        const [boxes, scores] = g.node(scope, 'Split', [perm, i64([4, nc])], [attr.int('axis', 2)], 2);
        const [best] = g.node(scope, 'ReduceMax', [scores], [attr.ints('axes', [-1]), attr.int('keepdims', 0)]);
        const topk = (x) => g.node(scope, 'TopK', [x, i64([k])], [attr.int('axis', -1), attr.int('largest', 1), attr.int('sorted', 1)], 2);
        const [, anchorIdx] = topk(best);
        const [idx3] = g.node(scope, 'Unsqueeze', [anchorIdx, i64([-1])]);
        const [idxCls] = g.node(scope, 'Tile', [idx3, i64([1, 1, nc])]);
        const [picked] = g.node(scope, 'GatherElements', [scores, idxCls], [attr.int('axis', 1)]);
        const flat = this.reshape(scope, picked, [1, k * nc]);
        const [topScores, flatIdx] = topk(flat);
        const ncConst = i64([nc]);
        const [row] = g.node(scope, 'Div', [flatIdx, ncConst]);
        const [clsIdx] = g.node(scope, 'Mod', [flatIdx, ncConst], [attr.int('fmod', 0)]);
        const [origIdx] = g.node(scope, 'GatherElements', [anchorIdx, row], [attr.int('axis', 1)]);
        const [orig3] = g.node(scope, 'Unsqueeze', [origIdx, i64([-1])]);
        const [idxBox] = g.node(scope, 'Tile', [orig3, i64([1, 1, 4])]);
        const [keptBoxes] = g.node(scope, 'GatherElements', [boxes, idxBox], [attr.int('axis', 1)]);
        const [score3] = g.node(scope, 'Unsqueeze', [topScores, i64([-1])]);
        const [cls3] = g.node(scope, 'Unsqueeze', [clsIdx, i64([-1])]);
        const [clsFloat] = g.node(scope, 'Cast', [cls3], [attr.int('to', 1)]);
        g.nodes.push({
            name: g.uniqueName(`${scope.path}/Concat`),
            opType: 'Concat',
            input: [keptBoxes, score3, clsFloat],
            output: [output],
            attribute: [attr.int('axis', -1)],
        });
        return output;
    }
}
/**
 * Builds the graph (weights described, not generated) and counts FLOPs and parameters.
 * Inputs are assumed valid (options.ts validates them).
 */
export function buildNetwork(arch, imgsz, nc, variant, build = {}) {
    const { table, scale } = archTable(arch);
    const [depth, width, maxChannels] = table.scales[scale];
    const rows = [...table.backbone, ...table.head];
    const net = new Net();
    if (build.nms)
        net.clsBiasOffset = NMS_CLASS_BIAS;
    let training = { unfused: 0, flops: 0 };
    const outs = [];
    const layerFlops = [];
    const layerModules = [];
    // Input statistics of an image scaled to [0, 1] (uniform: mean 1/2, variance 1/12).
    let prev = { name: 'images', c: 3, h: imgsz, w: imgsz, mean: filled(3, 0.5), var: filled(3, 1 / 12) };
    // parse_model: a C3k2 anywhere switches Detect to the non-legacy (DWConv) cls branch.
    const legacy = !rows.some((r) => r[2] === 'C3k2');
    let detectLayer = -1;
    let outputDims = [];
    const channels = (c) => makeDivisible(Math.min(num(c, 0), maxChannels) * width);
    rows.forEach(([from, repeats, module, args], i) => {
        const before = net.flops;
        const x = typeof from === 'number' ? (from === -1 ? prev : outs[from]) : prev;
        const scope = Scope.layer(i);
        let n = repeats > 1 ? Math.max(pyRound(repeats * depth), 1) : repeats;
        const mine = variant && variant.layer === i ? variant : undefined;
        if (mine?.kind === 'extra-blocks')
            n += mine.count;
        // The epsilon keeps 64 * 1.125 = 72.00000000001 from rounding up to 80.
        const widen = (hidden) => mine?.kind === 'widen' ? Math.max(8, makeDivisible(hidden * mine.factor - 1e-9)) : hidden;
        let y;
        switch (module) {
            case 'Conv':
                y = net.conv(scope, x, channels(args[0]), num(args[1], 1), num(args[2], 1));
                break;
            case 'C2f': {
                // C2f(c1, c2, n, shortcut=False, g=1, e=0.5): inner Bottleneck(c, c, shortcut, e=1.0).
                const c2 = channels(args[0]);
                const shortcut = bool(args[1], false);
                y = net.csp(scope, x, c2, n, widen(Math.floor(c2 * 0.5)), (s, z) => net.bottleneck(s, z, z.c, shortcut, 1.0));
                break;
            }
            case 'C3k2': {
                // C3k2(c1, c2, n, c3k=False, e=0.5, attn=False, g=1, shortcut=True); m/l/x force c3k
                // (parse_model). Inner: nn.Sequential(Bottleneck(c, c, e=0.5), PSABlock(c, 0.5,
                // max(c // 64, 1))) with attn, else C3k(c, c, 2), else Bottleneck(c, c, e=0.5).
                const c2 = channels(args[0]);
                const c3k = 'mlx'.includes(scale) ? true : bool(args[1], false);
                const attn = bool(args[3], false);
                const hidden = widen(Math.floor(c2 * num(args[2], 0.5)));
                y = net.csp(scope, x, c2, n, hidden, (s, z) => attn
                    ? net.psaBlock(s.child('1'), net.bottleneck(s.child('0'), z, z.c, true, 0.5), Math.max(Math.floor(z.c / 64), 1))
                    : c3k
                        ? net.c3k(s, z, z.c, 2, true)
                        : net.bottleneck(s, z, z.c, true, 0.5), attn);
                break;
            }
            case 'SPPF':
                // SPPF(c1, c2, k=5, n=3, shortcut=False); YOLO26's SPPF leaves cv1 without activation.
                y = net.sppf(scope, x, channels(args[0]), num(args[1], 5), num(args[2], 3), bool(args[3], false), table.family !== 'yolo26');
                break;
            case 'C2PSA':
                y = net.c2psa(scope, x, n);
                break;
            case 'nn.Upsample': {
                const factor = num(args[1], 2);
                // Resize takes its scales as float32 whatever the data type.
                const scales = net.g.floatConst(scope, [4], Float32Array.of(1, 1, factor, factor), true);
                const [out] = net.g.node(scope, 'Resize', [x.name, '', scales], [
                    attr.string('coordinate_transformation_mode', 'asymmetric'),
                    attr.float('cubic_coeff_a', -0.75),
                    attr.string('mode', 'nearest'),
                    attr.string('nearest_mode', 'floor'),
                ]);
                y = { ...x, name: out, h: x.h * factor, w: x.w * factor };
                break;
            }
            case 'Concat': {
                const srcs = from.map((f) => (f === -1 ? prev : outs[f]));
                y = net.concat(scope, srcs);
                break;
            }
            case 'Detect': {
                const feats = from.map((f) => outs[f]);
                const out = net.detect(scope, feats, nc, {
                    legacy,
                    regMax: table.regMax ?? REG_MAX,
                    endToEnd: table.endToEnd ?? false,
                    maxDet: MAX_DET,
                    output: build.nms ? '/model_output_0' : 'output0',
                });
                training = out.trainingExtra;
                detectLayer = i;
                outputDims = out.dims;
                y = {
                    name: out.name,
                    c: 4 + nc,
                    h: 1,
                    w: out.anchors,
                    mean: filled(4 + nc, 0),
                    var: filled(4 + nc, 1),
                };
                break;
            }
        }
        outs.push(y);
        prev = y;
        layerFlops.push(net.flops - before);
        layerModules.push(module);
    });
    if (build.nms) {
        net.nms(prev.name, nc, imgsz, build.nms);
        outputDims = [1, build.nms.maxDet, 6];
    }
    return {
        graph: net.g,
        family: table.family,
        ...(table.endToEnd
            ? { training: { unfused: net.unfused + training.unfused, flops: net.flops + training.flops } }
            : {}),
        flops: net.flops,
        layerFlops,
        params: { fused: net.fused, unfused: net.unfused },
        layerModules,
        detectLayer,
        outputDims,
        msEstimates: net.msEstimates,
    };
}
