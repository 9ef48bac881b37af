/**
 * Which WebGPU adapter a run used, for the environment fingerprint. onnxruntime-node 1.29 does not
 * report it (its binding exposes no adapter information), so it is read from the layer Dawn runs on
 * in Linux: the Vulkan physical devices, through libvulkan.so.1 with koffi, in this process and
 * with its environment (VK_DRIVER_FILES, LD_LIBRARY_PATH), the same ones Dawn sees.
 *
 * With one device that is the adapter. With several, the one recorded is the first in Dawn's
 * high-performance order (discrete, integrated, virtual, CPU), which is the order onnxruntime's
 * WebGPU context requests; `method` says that it was presumed so.
 *
 * Layouts (vulkan_core.h, x86_64):
 * - VkInstanceCreateInfo { sType u32 @0 (= 1); pNext @8; flags u32 @16; pApplicationInfo @24;
 *   enabledLayerCount u32 @32; ppEnabledLayerNames @40; enabledExtensionCount u32 @48;
 *   ppEnabledExtensionNames @56 } = 64 bytes.
 * - VkPhysicalDeviceProperties { apiVersion u32 @0; driverVersion u32 @4; vendorID u32 @8;
 *   deviceID u32 @12; deviceType u32 @16; deviceName char[256] @20; ... } = 824 bytes.
 */
import koffi from 'koffi';
import { errorMessage } from '../util/errors.js';
export const VULKAN_LIBRARY = 'libvulkan.so.1';
const VK_SUCCESS = 0;
const VK_INCOMPLETE = 5;
const DEVICE_TYPES = ['other', 'integrated-gpu', 'discrete-gpu', 'virtual-gpu', 'cpu'];
/** Dawn's high-performance preference: lower is preferred. */
const PREFERENCE = {
    'discrete-gpu': 0,
    'integrated-gpu': 1,
    'virtual-gpu': 2,
    cpu: 3,
    other: 4,
};
const NVIDIA_VENDOR_ID = 0x10de;
/** Vulkan's packed version (VK_MAKE_API_VERSION) as "major.minor.patch". */
function vkVersion(v) {
    return `${(v >>> 22) & 0x7f}.${(v >>> 12) & 0x3ff}.${v & 0xfff}`;
}
/** driverVersion is vendor-defined: NVIDIA packs 10.8.8.6 bits, Mesa and most others use the API scheme. */
export function formatVulkanDriverVersion(vendorId, v) {
    if (vendorId === NVIDIA_VENDOR_ID) {
        return `${(v >>> 22) & 0x3ff}.${(v >>> 14) & 0xff}.${(v >>> 6) & 0xff}`;
    }
    return vkVersion(v);
}
const cString = (buf, offset, length) => {
    const slice = buf.subarray(offset, offset + length);
    const end = slice.indexOf(0);
    return slice.toString('utf8', 0, end < 0 ? slice.length : end);
};
/** The Vulkan devices this process sees, or why none could be listed. */
export function listVulkanDevices(library = VULKAN_LIBRARY) {
    let lib;
    try {
        lib = koffi.load(library);
    }
    catch (err) {
        return { unavailable: `cannot load ${library}: ${errorMessage(err)}` };
    }
    const createInstance = lib.func('int vkCreateInstance(void *info, void *allocator, void *instance)');
    const enumerate = lib.func('int vkEnumeratePhysicalDevices(uint64_t instance, void *count, void *devices)');
    const properties = lib.func('void vkGetPhysicalDeviceProperties(uint64_t device, void *props)');
    const destroy = lib.func('void vkDestroyInstance(uint64_t instance, void *allocator)');
    const info = Buffer.alloc(64);
    info.writeUInt32LE(1, 0); // VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO
    const instanceOut = Buffer.alloc(8);
    const rc = createInstance(info, null, instanceOut);
    if (rc !== VK_SUCCESS) {
        // -9 is VK_ERROR_INCOMPATIBLE_DRIVER: the loader found no usable Vulkan driver (ICD).
        const why = rc === -9 ? ' (VK_ERROR_INCOMPATIBLE_DRIVER: no Vulkan driver found)' : '';
        return { unavailable: `vkCreateInstance returned VkResult ${rc}${why}` };
    }
    const instance = instanceOut.readBigUInt64LE(0);
    try {
        const count = Buffer.alloc(4);
        let r = enumerate(instance, count, null);
        if (r !== VK_SUCCESS)
            return { unavailable: `vkEnumeratePhysicalDevices returned VkResult ${r}` };
        const n = count.readUInt32LE(0);
        if (n === 0)
            return { unavailable: 'Vulkan lists no physical device (no Vulkan driver is installed or selected)' };
        const handles = Buffer.alloc(8 * n);
        r = enumerate(instance, count, handles);
        if (r !== VK_SUCCESS && r !== VK_INCOMPLETE) {
            return { unavailable: `vkEnumeratePhysicalDevices returned VkResult ${r}` };
        }
        const devices = [];
        for (let i = 0; i < count.readUInt32LE(0); i++) {
            const handle = handles.readBigUInt64LE(i * 8);
            const props = Buffer.alloc(1024);
            properties(handle, props);
            const vendorId = props.readUInt32LE(8);
            const driverVersion = props.readUInt32LE(4);
            devices.push({
                backend: 'vulkan',
                name: cString(props, 20, 256),
                type: DEVICE_TYPES[props.readUInt32LE(16)] ?? 'other',
                vendorId,
                deviceId: props.readUInt32LE(12),
                driverVersion: formatVulkanDriverVersion(vendorId, driverVersion),
                apiVersion: vkVersion(props.readUInt32LE(0)),
            });
        }
        return { devices };
    }
    finally {
        destroy(instance, null);
    }
}
/**
 * The WebGPU adapter for the fingerprint (see the module comment for how it is chosen), or why it
 * is unknown. Never throws.
 */
export function probeWebGpuAdapter(library) {
    try {
        const listed = listVulkanDevices(library);
        if ('unavailable' in listed)
            return listed;
        const sorted = [...listed.devices].sort((a, b) => (PREFERENCE[a.type] ?? 9) - (PREFERENCE[b.type] ?? 9));
        const chosen = sorted[0];
        const method = listed.devices.length === 1
            ? 'the only Vulkan device (onnxruntime-node does not report the adapter it used)'
            : `presumed: first of ${listed.devices.length} Vulkan devices in Dawn's high-performance order (onnxruntime-node does not report the adapter it used)`;
        return { ...chosen, method };
    }
    catch (err) {
        return { unavailable: `Vulkan probe failed: ${errorMessage(err)}` };
    }
}
