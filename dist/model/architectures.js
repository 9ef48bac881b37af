/**
 * Layer tables of the Ultralytics YOLOv8, YOLO11 and YOLO26 detection models, transcribed as our own
 * data (the upstream YAML files are AGPL-3.0 and stay out of this repository).
 *
 * Each row has the upstream shape `[from, repeats, module, args]` so a test can compare these
 * tables with the reference YAMLs field by field (test/model/architectures.test.ts). `null` stands
 * for YAML's `None`; the string `'nc'` for the number of classes.
 */
/** YOLOv8 detection (ultralytics/cfg/models/v8/yolov8.yaml). */
export const YOLOV8_TABLE = {
    family: 'yolov8',
    nc: 80,
    scales: {
        n: [0.33, 0.25, 1024],
        s: [0.33, 0.5, 1024],
        m: [0.67, 0.75, 768],
        l: [1.0, 1.0, 512],
        x: [1.0, 1.25, 512],
    },
    backbone: [
        [-1, 1, 'Conv', [64, 3, 2]], // 0 P1/2
        [-1, 1, 'Conv', [128, 3, 2]], // 1 P2/4
        [-1, 3, 'C2f', [128, true]],
        [-1, 1, 'Conv', [256, 3, 2]], // 3 P3/8
        [-1, 6, 'C2f', [256, true]],
        [-1, 1, 'Conv', [512, 3, 2]], // 5 P4/16
        [-1, 6, 'C2f', [512, true]],
        [-1, 1, 'Conv', [1024, 3, 2]], // 7 P5/32
        [-1, 3, 'C2f', [1024, true]],
        [-1, 1, 'SPPF', [1024, 5]], // 9
    ],
    head: [
        [-1, 1, 'nn.Upsample', [null, 2, 'nearest']],
        [[-1, 6], 1, 'Concat', [1]],
        [-1, 3, 'C2f', [512]], // 12
        [-1, 1, 'nn.Upsample', [null, 2, 'nearest']],
        [[-1, 4], 1, 'Concat', [1]],
        [-1, 3, 'C2f', [256]], // 15 P3/8
        [-1, 1, 'Conv', [256, 3, 2]],
        [[-1, 12], 1, 'Concat', [1]],
        [-1, 3, 'C2f', [512]], // 18 P4/16
        [-1, 1, 'Conv', [512, 3, 2]],
        [[-1, 9], 1, 'Concat', [1]],
        [-1, 3, 'C2f', [1024]], // 21 P5/32
        [[15, 18, 21], 1, 'Detect', ['nc']], // 22
    ],
};
/** YOLO11 detection (ultralytics/cfg/models/11/yolo11.yaml). */
export const YOLO11_TABLE = {
    family: 'yolo11',
    nc: 80,
    scales: {
        n: [0.5, 0.25, 1024],
        s: [0.5, 0.5, 1024],
        m: [0.5, 1.0, 512],
        l: [1.0, 1.0, 512],
        x: [1.0, 1.5, 512],
    },
    backbone: [
        [-1, 1, 'Conv', [64, 3, 2]], // 0 P1/2
        [-1, 1, 'Conv', [128, 3, 2]], // 1 P2/4
        [-1, 2, 'C3k2', [256, false, 0.25]],
        [-1, 1, 'Conv', [256, 3, 2]], // 3 P3/8
        [-1, 2, 'C3k2', [512, false, 0.25]],
        [-1, 1, 'Conv', [512, 3, 2]], // 5 P4/16
        [-1, 2, 'C3k2', [512, true]],
        [-1, 1, 'Conv', [1024, 3, 2]], // 7 P5/32
        [-1, 2, 'C3k2', [1024, true]],
        [-1, 1, 'SPPF', [1024, 5]], // 9
        [-1, 2, 'C2PSA', [1024]], // 10
    ],
    head: [
        [-1, 1, 'nn.Upsample', [null, 2, 'nearest']],
        [[-1, 6], 1, 'Concat', [1]],
        [-1, 2, 'C3k2', [512, false]], // 13
        [-1, 1, 'nn.Upsample', [null, 2, 'nearest']],
        [[-1, 4], 1, 'Concat', [1]],
        [-1, 2, 'C3k2', [256, false]], // 16 P3/8
        [-1, 1, 'Conv', [256, 3, 2]],
        [[-1, 13], 1, 'Concat', [1]],
        [-1, 2, 'C3k2', [512, false]], // 19 P4/16
        [-1, 1, 'Conv', [512, 3, 2]],
        [[-1, 10], 1, 'Concat', [1]],
        [-1, 2, 'C3k2', [1024, true]], // 22 P5/32
        [[16, 19, 22], 1, 'Detect', ['nc']], // 23
    ],
};
/**
 * YOLO26 detection (ultralytics/cfg/models/26/yolo26.yaml, January 2026): YOLO11's layout with
 * `end2end: True` and `reg_max: 1`, a 4-argument SPPF `[c2, k, n, shortcut]` and attention inside the
 * last C3k2 (4th argument `attn`).
 */
export const YOLO26_TABLE = {
    family: 'yolo26',
    nc: 80,
    regMax: 1,
    endToEnd: true,
    scales: {
        n: [0.5, 0.25, 1024],
        s: [0.5, 0.5, 1024],
        m: [0.5, 1.0, 512],
        l: [1.0, 1.0, 512],
        x: [1.0, 1.5, 512],
    },
    backbone: [
        [-1, 1, 'Conv', [64, 3, 2]], // 0 P1/2
        [-1, 1, 'Conv', [128, 3, 2]], // 1 P2/4
        [-1, 2, 'C3k2', [256, false, 0.25]],
        [-1, 1, 'Conv', [256, 3, 2]], // 3 P3/8
        [-1, 2, 'C3k2', [512, false, 0.25]],
        [-1, 1, 'Conv', [512, 3, 2]], // 5 P4/16
        [-1, 2, 'C3k2', [512, true]],
        [-1, 1, 'Conv', [1024, 3, 2]], // 7 P5/32
        [-1, 2, 'C3k2', [1024, true]],
        [-1, 1, 'SPPF', [1024, 5, 3, true]], // 9
        [-1, 2, 'C2PSA', [1024]], // 10
    ],
    head: [
        [-1, 1, 'nn.Upsample', [null, 2, 'nearest']],
        [[-1, 6], 1, 'Concat', [1]],
        [-1, 2, 'C3k2', [512, true]], // 13
        [-1, 1, 'nn.Upsample', [null, 2, 'nearest']],
        [[-1, 4], 1, 'Concat', [1]],
        [-1, 2, 'C3k2', [256, true]], // 16 P3/8
        [-1, 1, 'Conv', [256, 3, 2]],
        [[-1, 13], 1, 'Concat', [1]],
        [-1, 2, 'C3k2', [512, true]], // 19 P4/16
        [-1, 1, 'Conv', [512, 3, 2]],
        [[-1, 10], 1, 'Concat', [1]],
        [-1, 1, 'C3k2', [1024, true, 0.5, true]], // 22 P5/32
        [[16, 19, 22], 1, 'Detect', ['nc']], // 23
    ],
};
/** Every supported architecture name: family + scale letter, as Ultralytics spells the weights. */
export const ARCH_NAMES = [
    'yolov8n',
    'yolov8s',
    'yolov8m',
    'yolov8l',
    'yolov8x',
    'yolo11n',
    'yolo11s',
    'yolo11m',
    'yolo11l',
    'yolo11x',
    'yolo26n',
    'yolo26s',
    'yolo26m',
    'yolo26l',
    'yolo26x',
];
/** The table and scale an architecture name stands for. */
export function archTable(arch) {
    const scale = arch.slice(-1);
    const table = arch.startsWith('yolov8')
        ? YOLOV8_TABLE
        : arch.startsWith('yolo26')
            ? YOLO26_TABLE
            : YOLO11_TABLE;
    return { table, scale };
}
