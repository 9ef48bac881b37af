export function suggest(summary, options = {}) {
    const minSmall = options.minSmallKernels ?? 50;
    const smallShare = options.smallKernelSharePct ?? 25;
    const resizeShare = options.resizeSharePct ?? 10;
    const dflShare = options.dflSharePct ?? 10;
    const fp32Pct = options.float32InputPct ?? 50;
    const out = [];
    const add = (id, title, advice, evidence) => {
        out.push({ id, title, text: `${advice} Evidence: ${evidence}.`, evidence });
    };
    const gpu = summary.placement.gpuRequested;
    // WebGPU node times are CPU-side dispatch times (aggregate.ts `nodeTimeKind`), not kernel times.
    const dispatchOnly = summary.nodeTimeKind === 'dispatch';
    const gpuProviders = summary.placement.providersSeen.filter((p) => p !== 'CPUExecutionProvider');
    const providerText = gpuProviders.length > 0 ? gpuProviders.join(', ') : summary.requestedProviders.join(', ');
    // FP32 on a GPU provider.
    const totalInputs = Object.values(summary.elementTypes).reduce((a, b) => a + b, 0);
    const floatInputs = summary.elementTypes.float ?? 0;
    if (gpu && totalInputs > 0 && (floatInputs / totalInputs) * 100 > fp32Pct) {
        const example = summary.topNodes.find((n) => n.inputShapes.startsWith('float['));
        add('fp16', 'Try an FP16 model', `The model runs in float32 on ${providerText}; exporting it in FP16 (Ultralytics: \`half=True\`, exported on a GPU) usually cuts GPU time substantially for YOLO convolutions. TensorRT's own FP16 mode cannot be switched on through onnxruntime-node 1.29 (its binding passes only the device id), so the FP16 model is the way.`, `${floatInputs} of ${totalInputs} node inputs are float32${example ? `, e.g. "${example.name}" (${example.opType}, ${example.inputShapes}, ${example.medianUs} µs)` : ''}`);
    }
    // Launch-bound: many tiny kernels on a GPU provider.
    const sk = summary.smallKernels;
    if (gpu && !dispatchOnly && sk.count >= minSmall && sk.share >= smallShare) {
        const onTensorrt = providerText.toLowerCase().includes('tensorrt');
        add('launch-bound', 'Launch-bound: many tiny kernels', 'Many kernels are so short that launch overhead dominates. ' +
            (onTensorrt ? '' : 'Try `--ep tensorrt,cuda,cpu` (TensorRT fuses layers into fewer kernels), or ') +
            (onTensorrt ? 'Reduce' : 'reduce') +
            ' the node count in the model (an export with graph simplification, fewer small ops) or raise the batch size. CUDA graphs would cut launch overhead too, but onnxruntime-node 1.29 cannot enable them (its binding passes only the device id to the CUDA provider).', `${sk.count} of ${sk.gpuNodeCount} GPU nodes have a median below ${sk.thresholdUs} µs and together take ${sk.medianSumUs} µs (${sk.share}% of node time)`);
    }
    // CPU fallback.
    const fb = summary.placement.cpuFallback;
    if (gpu && fb.count > 0) {
        add('cpu-fallback', 'Nodes fell back to the CPU', `Some nodes ran on CPUExecutionProvider although ${summary.requestedProviders.join(', ')} was requested; they force copies between devices. Check operator support (opset, dtypes) for these nodes.`, `${fb.count} node(s) on CPUExecutionProvider taking ${fb.medianUs} µs (${fb.share}%): ${fb.nodes
            .slice(0, 5)
            .map((n) => `"${n.name}" (${n.opType}, ${n.medianUs} µs)`)
            .join(', ')}`);
    }
    // Memcpy on a GPU provider.
    const mc = summary.placement.memcpy;
    if (gpu && mc.count > 0) {
        add('memcpy', 'Host/device copies inside the graph', 'Copy nodes move tensors between host and device inside the graph (a CPU-only node in between, or CPU inputs/outputs); removing the cause or binding I/O on the device saves them.', `${mc.count} Memcpy node(s) (${mc.fromHost} MemcpyFromHost, ${mc.toHost} MemcpyToHost) taking ${mc.medianUs} µs (${mc.share}%)` +
            (mc.nodes.length > 0
                ? `: ${mc.nodes
                    .slice(0, 5)
                    .map((n) => `"${n.name}" (${n.opType}, ${n.medianUs} µs)`)
                    .join(', ')}`
                : ''));
    }
    // Resize dominating.
    // CPU kernels of Resize report op_name "Upsample" in 1.29 traces (seen here on YOLOv8n).
    const resizeOps = summary.opTypes.filter((o) => o.opType === 'Resize' || o.opType === 'Upsample');
    const resize = resizeOps.length === 0
        ? undefined
        : {
            nodeCount: resizeOps.reduce((a, o) => a + o.nodeCount, 0),
            medianUs: Math.round(resizeOps.reduce((a, o) => a + o.medianUs, 0) * 10) / 10,
            share: Math.round(resizeOps.reduce((a, o) => a + o.share, 0) * 1000) / 1000,
        };
    if (resize && resize.share > resizeShare) {
        add('resize-hotspot', 'Upsampling (Resize) is a hotspot', 'Resize takes an unusual share of the time; check its mode (nearest is cheapest) and whether the provider runs it natively.', `Resize/Upsample: ${resize.nodeCount} node(s), ${resize.medianUs} µs, ${resize.share}% of node time (threshold ${resizeShare}%)`);
    }
    // DFL dominating.
    const dflNodes = Object.entries(summary.nodeMedians).filter(([name]) => /\/dfl\//.test(name));
    const total = Object.values(summary.nodeMedians).reduce((a, b) => a + b, 0);
    const dflUs = dflNodes.reduce((a, [, us]) => a + us, 0);
    if (dflNodes.length > 0 && total > 0 && (dflUs / total) * 100 > dflShare) {
        const share = Math.round((dflUs / total) * 1000) / 10;
        add('dfl-hotspot', 'The DFL box decode is a hotspot', 'The Distribution Focal Loss decode (softmax + 1x1 conv over 16 bins) takes an unusual share; consider exporting without the decode and decoding on the host, or a fused kernel.', `${dflNodes.length} /dfl/ node(s) take ${Math.round(dflUs * 10) / 10} µs (${share}% of node time, threshold ${dflShare}%)`);
    }
    return out;
}
