"""Compound files (OLE2/CFB): the container of a legacy .xls and of an encrypted .xlsx.

A small, bounds-checked reader finds the streams (``Workbook``, ``EncryptedPackage``) without
trusting any size or chain in the file.
"""

from __future__ import annotations

import struct

from perfcli.io.errors import InputError, encrypted, unreadable

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREESECT = 0xFFFFFFFF
_ENDOFCHAIN = 0xFFFFFFFE
_SPECIAL = 0xFFFFFFFA  # ids at or above this are markers, not sectors


class CompoundFile:
    """A minimal, bounds-checked reader of an OLE2/CFB container held in memory.

    Only what the preflight needs: the directory (stream names and sizes) and reading a stream.
    Every malformed structure raises E001; chains are cycle- and length-checked.
    """

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(CFB_MAGIC):
            raise bad_cfb("文件头不完整")
        self.data = data
        shift = u16(data, 0x1E)
        if shift not in (9, 12):
            raise bad_cfb("扇区大小无效")
        self.sector_size = 1 << shift
        self.mini_size = 1 << u16(data, 0x20)
        if self.mini_size not in (64,):
            raise bad_cfb("小扇区大小无效")
        self.n_sectors = max((len(data) - self.sector_size) // self.sector_size, 0)
        self.mini_cutoff = u32(data, 0x38)
        self.major = u16(data, 0x1A)
        self.fat = self._read_fat()
        dir_start = u32(data, 0x30)
        directory = self._read_chain(dir_start, self.fat, self.sector_size)
        self.entries: dict[str, tuple[int, int]] = {}
        root_start, root_size = _ENDOFCHAIN, 0
        for off in range(0, len(directory) - 127, 128):
            entry = directory[off : off + 128]
            kind = entry[66]
            name_len = u16(entry, 64)
            if kind == 0 or name_len < 2 or name_len > 64:
                continue
            name = entry[: name_len - 2].decode("utf-16-le", errors="replace")
            start = u32(entry, 116)
            size = struct.unpack_from("<Q", entry, 120)[0]
            if self.major == 3:
                size &= 0xFFFFFFFF
            if kind == 5 and off == 0:
                root_start, root_size = start, size
            elif kind == 2:
                self.entries.setdefault(name, (start, size))
        self.mini_fat: list[int] | None = None
        self.mini_stream: bytes | None = None
        self._root = (root_start, root_size)

    def _sector(self, sid: int) -> bytes:
        if sid >= self.n_sectors:
            raise bad_cfb("扇区编号越界")
        off = (sid + 1) * self.sector_size
        return self.data[off : off + self.sector_size]

    def _read_fat(self) -> list[int]:
        data = self.data
        n_fat = u32(data, 0x2C)
        if n_fat > self.n_sectors + 1:
            raise bad_cfb("FAT 扇区数无效")
        fat_sids = [u32(data, 0x4C + 4 * i) for i in range(109)]
        difat_sid = u32(data, 0x44)
        per = self.sector_size // 4
        seen = 0
        while difat_sid < _SPECIAL:
            seen += 1
            if seen > self.n_sectors:
                raise bad_cfb("DIFAT 链循环")
            sector = self._sector(difat_sid)
            vals = struct.unpack(f"<{per}I", sector)
            fat_sids.extend(vals[:-1])
            difat_sid = vals[-1]
        fat: list[int] = []
        for sid in fat_sids[:n_fat]:
            if sid >= _SPECIAL:
                continue
            fat.extend(struct.unpack(f"<{per}I", self._sector(sid)))
        return fat

    def _read_chain(
        self, start: int, fat: list[int], unit: int, mini: bytes | None = None
    ) -> bytes:
        parts: list[bytes] = []
        sid = start
        limit = len(fat)
        while sid < _SPECIAL:
            if sid >= len(fat) or len(parts) > limit:
                raise bad_cfb("扇区链无效或循环")
            if mini is None:
                parts.append(self._sector(sid))
            else:
                off = sid * unit
                if off + unit > len(mini):
                    raise bad_cfb("小扇区越界")
                parts.append(mini[off : off + unit])
            sid = fat[sid]
        return b"".join(parts)

    def has_stream(self, name: str) -> bool:
        return any(key.lower() == name.lower() for key in self.entries)

    def read_stream(self, name: str) -> bytes:
        key = next(k for k in self.entries if k.lower() == name.lower())
        start, size = self.entries[key]
        if size > len(self.data):
            raise bad_cfb(f"数据流 {name} 的长度无效")
        if size < self.mini_cutoff:
            if self.mini_fat is None or self.mini_stream is None:
                raw = self._read_chain(u32(self.data, 0x3C), self.fat, self.sector_size)
                self.mini_fat = list(struct.unpack(f"<{len(raw) // 4}I", raw[: len(raw) // 4 * 4]))
                self.mini_stream = self._read_chain(self._root[0], self.fat, self.sector_size)
            data = self._read_chain(start, self.mini_fat, self.mini_size, self.mini_stream)
        else:
            data = self._read_chain(start, self.fat, self.sector_size)
        if len(data) < size:
            raise bad_cfb(f"数据流 {name} 被截断")
        return data[:size]


def bad_cfb(why: str) -> InputError:
    return unreadable(f"复合文档（.xls）结构损坏：{why}", f"corrupt compound file: {why}")


def u16(data: bytes, off: int) -> int:
    value: int = struct.unpack_from("<H", data, off)[0]
    return value


def u32(data: bytes, off: int) -> int:
    value: int = struct.unpack_from("<I", data, off)[0]
    return value


def open_compound(data: bytes) -> CompoundFile:
    """Parse a CFB container; E002 if it is an encrypted OOXML package, E001 if broken."""
    try:
        cfb = CompoundFile(data)
    except InputError:
        raise
    except (struct.error, IndexError, ValueError, OverflowError, MemoryError) as exc:
        raise bad_cfb(type(exc).__name__) from None
    if cfb.has_stream("EncryptedPackage") or cfb.has_stream("EncryptionInfo"):
        raise encrypted()
    return cfb
