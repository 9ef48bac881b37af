/**
 * Builds the ONNX graph of a YOLOv8/YOLO11 detection model from the layer tables, following
 * Ultralytics' `parse_model` and the blocks in ultralytics/nn/modules/{conv,block,head}.py, and the
 * node names `torch.onnx.export` gives them. Counts parameters and FLOPs while it goes, so the
 * numbers come from the same code path as the graph.
 */
import { archTable } from './architectures.js';
import { GraphBuilder, Scope, attr } from './onnx-graph.js';
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
    csp(scope, x, c2, n, hidden, inner) {
        const y = this.conv(scope.child('cv1'), x, 2 * hidden, 1);
        const parts = this.splitChannels(scope, y, [hidden, hidden]);
        // nn.ModuleList `m` is indexed, not called, so its children appear as `m.0`, `m.1` in node names.
        for (let i = 0; i < n; i++)
            parts.push(inner(scope.child(`m.${i}`), parts[parts.length - 1]));
        return this.conv(scope.child('cv2'), this.concat(scope, parts), c2, 1);
    }
    /** SPPF: cv1 to c1/2, the same k x k MaxPool applied three times in a row, concat 4, cv2. */
    sppf(scope, x, c2, k) {
        const y0 = this.conv(scope.child('cv1'), x, Math.floor(x.c / 2), 1);
        const ys = [y0];
        const pool = scope.child('m');
        const p = Math.floor(k / 2);
        for (let i = 1; i <= 3; i++) {
            // One module called three times: the exporter numbers its scope (m, m_1, m_2).
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
        return this.conv(scope.child('cv2'), this.concat(scope, ys), c2, 1);
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
     * Detect with DFL, decoded as in an export: per level cat(box 4*reg_max, cls nc), flatten and cat
     * over levels, split, DFL (softmax over 16 bins, 1x1 conv with weights 0..15), dist2bbox to xywh
     * around anchor points, times stride; sigmoid of class logits; cat -> [1, 4+nc, A].
     * @param legacy YOLOv8's cls branch (two 3x3 Convs); YOLO11 uses DWConv + 1x1 Conv pairs.
     */
    detect(scope, feats, nc, legacy) {
        const ch0 = feats[0].c;
        const c2 = Math.max(16, Math.floor(ch0 / 4), REG_MAX * 4);
        const c3 = Math.max(ch0, Math.min(nc, 100));
        const no = nc + 4 * REG_MAX;
        const p = scope.path;
        const levels = feats.map((f, i) => {
            const box = scope.child(`cv2.${i}`, true);
            let b = this.conv(box.child('0'), f, c2, 3);
            b = this.conv(box.child('1'), b, c2, 3);
            // Ultralytics' bias_init: box logits start at 1.0, class logits at log(5 / nc / (640 / stride)^2).
            b = this.conv2d(box.child('2'), b, 4 * REG_MAX, 1);
            const cls = scope.child(`cv3.${i}`, true);
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
            c = this.conv2d(cls.child('2'), c, nc, Math.log(5 / nc / (640 / STRIDES[i]) ** 2));
            return this.concat(scope, [b, c], this.g.uniqueName(`${p}/Concat`));
        });
        const total = levels.reduce((a, f) => a + f.h * f.w, 0);
        const flat = levels.map((f) => this.reshape(scope, f.name, [1, no, f.h * f.w], this.g.uniqueName(`${p}/Reshape`)));
        const [all] = this.g.node(scope, 'Concat', flat, [attr.int('axis', 2)], 1, this.g.uniqueName(`${p}/Concat`));
        const [box, cls] = this.g.node(scope, 'Split', [all, this.g.intConst(scope, [4 * REG_MAX, nc])], [attr.int('axis', 1)], 2);
        // DFL: expected value of a 16-bin distribution per box side.
        const dfl = scope.child('dfl');
        const bins = this.reshape(dfl, box, [1, 4, REG_MAX, total]);
        const t = this.transpose(dfl, bins, [0, 2, 1, 3]);
        const [soft] = this.g.node(dfl, 'Softmax', [t], [attr.int('axis', 1)]);
        const dflConv = dfl.child('conv');
        const arange = Float32Array.from({ length: REG_MAX }, (_, i) => i);
        const wName = this.g.floatInit(`${dflConv.qual}.weight`, [1, REG_MAX, 1, 1], {
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
        this.fused += REG_MAX;
        this.unfused += REG_MAX;
        this.flops += 2 * 4 * total * REG_MAX;
        const dist = this.reshape(dfl, dist4, [1, 4, total]);
        // dist2bbox(xywh=True). Names copy an Ultralytics export, whose shape arithmetic used up some numbers.
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
        const [sum] = this.g.node(scope, 'Add', [x1y1, x2y2], [], 1, `${p}/Add_2`);
        const [center] = this.g.node(scope, 'Div', [sum, this.g.floatConst(scope, [], Float32Array.of(2))], [], 1, `${p}/Div_1`);
        const [wh] = this.g.node(scope, 'Sub', [x2y2, x1y1]);
        const [xywh] = this.g.node(scope, 'Concat', [center, wh], [attr.int('axis', 1)], 1, this.g.uniqueName(`${p}/Concat`));
        const [scaled] = this.g.node(scope, 'Mul', [xywh, this.g.floatConst(scope, [1, total], strides)], [], 1, `${p}/Mul_2`);
        const [scores] = this.g.node(scope, 'Sigmoid', [cls]);
        const outName = this.g.uniqueName(`${p}/Concat`);
        this.g.nodes.push({
            name: outName,
            opType: 'Concat',
            input: [scaled, scores],
            output: ['output0'],
            attribute: [attr.int('axis', 1)],
        });
        return { name: 'output0', anchors: total };
    }
}
/**
 * Builds the graph (weights described, not generated) and counts FLOPs and parameters.
 * Inputs are assumed valid (options.ts validates them).
 */
export function buildNetwork(arch, imgsz, nc, variant) {
    const { table, scale } = archTable(arch);
    const [depth, width, maxChannels] = table.scales[scale];
    const rows = [...table.backbone, ...table.head];
    const net = new Net();
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
                // C3k2(c1, c2, n, c3k=False, e=0.5, g=1, shortcut=True); m/l/x force c3k (parse_model).
                // Inner: C3k(c, c, 2) or Bottleneck(c, c, e=0.5).
                const c2 = channels(args[0]);
                const c3k = 'mlx'.includes(scale) ? true : bool(args[1], false);
                const hidden = widen(Math.floor(c2 * num(args[2], 0.5)));
                y = net.csp(scope, x, c2, n, hidden, (s, z) => c3k ? net.c3k(s, z, z.c, 2, true) : net.bottleneck(s, z, z.c, true, 0.5));
                break;
            }
            case 'SPPF':
                y = net.sppf(scope, x, channels(args[0]), num(args[1], 5));
                break;
            case 'C2PSA':
                y = net.c2psa(scope, x, n);
                break;
            case 'nn.Upsample': {
                const factor = num(args[1], 2);
                const scales = net.g.floatConst(scope, [4], Float32Array.of(1, 1, factor, factor));
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
                const { name, anchors } = net.detect(scope, feats, nc, legacy);
                detectLayer = i;
                outputDims = [1, 4 + nc, anchors];
                y = { name, c: 4 + nc, h: 1, w: anchors, mean: filled(4 + nc, 0), var: filled(4 + nc, 1) };
                break;
            }
        }
        outs.push(y);
        prev = y;
        layerFlops.push(net.flops - before);
        layerModules.push(module);
    });
    return {
        graph: net.g,
        family: table.family,
        flops: net.flops,
        layerFlops,
        params: { fused: net.fused, unfused: net.unfused },
        layerModules,
        detectLayer,
        outputDims,
        msEstimates: net.msEstimates,
    };
}
