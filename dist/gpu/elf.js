/**
 * Reads the DT_NEEDED entries (the sonames a shared library links against) of a 64-bit
 * little-endian ELF file with positional reads, so a 300 MB provider library is not read whole.
 * Layout: ELF-64 Object File Format (e_phoff @0x20, e_phentsize @0x36, e_phnum @0x38; Elf64_Phdr
 * p_type @0, p_offset @8, p_vaddr @16, p_filesz @32; Elf64_Dyn 16 bytes; PT_LOAD 1, PT_DYNAMIC 2,
 * DT_NULL 0, DT_NEEDED 1, DT_STRTAB 5).
 */
import { closeSync, openSync, readSync } from 'node:fs';
const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const DT_NEEDED = 1n;
const DT_STRTAB = 5n;
/** The DT_NEEDED sonames of `path`, or null when it is not a readable ELF64-LE shared object. */
export function readElfNeeded(path) {
    let fd;
    try {
        fd = openSync(path, 'r');
    }
    catch {
        return null;
    }
    try {
        const read = (offset, length) => {
            const buf = Buffer.alloc(length);
            const n = readSync(fd, buf, 0, length, offset);
            return buf.subarray(0, n);
        };
        const h = read(0, 64);
        if (h.length < 64 || h.readUInt32BE(0) !== 0x7f454c46 || h[4] !== 2 || h[5] !== 1)
            return null;
        const phoff = Number(h.readBigUInt64LE(0x20));
        const phentsize = h.readUInt16LE(0x36);
        const phnum = h.readUInt16LE(0x38);
        const phdrs = read(phoff, phentsize * phnum);
        const loads = [];
        let dyn = null;
        for (let i = 0; i < phnum; i++) {
            const p = phdrs.subarray(i * phentsize, (i + 1) * phentsize);
            if (p.length < 56)
                break;
            const type = p.readUInt32LE(0);
            const offset = Number(p.readBigUInt64LE(8));
            const vaddr = Number(p.readBigUInt64LE(16));
            const filesz = Number(p.readBigUInt64LE(32));
            if (type === PT_LOAD)
                loads.push({ offset, vaddr, filesz });
            if (type === PT_DYNAMIC)
                dyn = { offset, size: filesz };
        }
        if (!dyn)
            return [];
        const d = read(dyn.offset, dyn.size);
        const needed = [];
        let strtab = null;
        for (let off = 0; off + 16 <= d.length; off += 16) {
            const tag = d.readBigInt64LE(off);
            const val = d.readBigUInt64LE(off + 8);
            if (tag === 0n)
                break;
            if (tag === DT_NEEDED)
                needed.push(val);
            if (tag === DT_STRTAB)
                strtab = Number(val);
        }
        if (strtab === null)
            return null;
        const seg = loads.find((l) => strtab >= l.vaddr && strtab < l.vaddr + l.filesz);
        if (!seg)
            return null;
        const strOffset = strtab - seg.vaddr + seg.offset;
        return needed.map((n) => {
            const s = read(strOffset + Number(n), 256);
            const end = s.indexOf(0);
            return s.toString('utf8', 0, end < 0 ? s.length : end);
        });
    }
    catch {
        return null;
    }
    finally {
        closeSync(fd);
    }
}
