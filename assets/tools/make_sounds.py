"""Write DIVA's sounds (assets/sounds/*.wav): short, soft feedback tones and a quiet music loop,
synthesised here from sine waves (no recording, no licence but the project's own).

    python assets/tools/make_sounds.py [FOLDER]     # default: assets/sounds

The same script always writes the same bytes (no randomness), so the committed files can be checked.
"""
from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "assets" / "sounds"
RATE = 22050
LOOP_RATE = 11025  # the music loop is low and soft: half the rate, half the file


def note(freq: float, seconds: float, volume: float = 0.5, attack: float = 0.01, overtone: float = 0.25) -> list[float]:
    """A soft bell-like tone: a quick rise, then an exponential fade (no click at either end)."""
    n = int(RATE * seconds)
    out = []
    for i in range(n):
        t = i / RATE
        env = min(1.0, t / attack) * math.exp(-4.0 * t / seconds) * (1 - i / n)
        wave_ = math.sin(2 * math.pi * freq * t) + overtone * math.sin(2 * math.pi * 2 * freq * t)
        out.append(volume * env * wave_ / (1 + overtone))
    return out


def mix(*parts: tuple[float, list[float]]) -> list[float]:
    """Sum tones that start at given times (seconds)."""
    length = max(int(start * RATE) + len(samples) for start, samples in parts)
    out = [0.0] * length
    for start, samples in parts:
        offset = int(start * RATE)
        for i, v in enumerate(samples):
            out[offset + i] += v
    return out


def write(name: str, samples: list[float], rate: int = RATE, out: Path = OUT) -> None:
    peak = max(1e-9, max(abs(v) for v in samples))
    scale = min(1.0, 0.9 / peak)
    frames = b"".join(struct.pack("<h", int(max(-1, min(1, v * scale)) * 32767)) for v in samples)
    with wave.open(str(out / f"{name}.wav"), "wb") as fh:
        fh.setnchannels(1)
        fh.setsampwidth(2)
        fh.setframerate(rate)
        fh.writeframes(frames)


def loop() -> list[float]:
    """Eight seconds of slow, quiet chords (C, A minor, F, G) that loop without a seam."""
    chords = [(261.63, 329.63, 392.0), (220.0, 261.63, 329.63), (174.61, 220.0, 261.63), (196.0, 246.94, 293.66)]
    out: list[float] = []
    for chord in chords:
        n = int(LOOP_RATE * 2.0)
        for i in range(n):
            t = i / LOOP_RATE
            env = math.sin(math.pi * i / n) ** 2  # each chord swells and fades: the seams are silent
            out.append(0.25 * env * sum(math.sin(2 * math.pi * f * t) for f in chord) / len(chord))
    return out


def main(out: Path = OUT) -> int:
    out.mkdir(parents=True, exist_ok=True)
    write("choice", note(660, 0.12, attack=0.005, overtone=0.1), out=out)
    write("reveal", mix((0.0, note(523.25, 0.35)), (0.12, note(659.25, 0.4))), out=out)
    write("collect", mix((0.0, note(783.99, 0.3)), (0.08, note(987.77, 0.3)), (0.16, note(1174.66, 0.45))), out=out)
    write("celebrate", mix((0.0, note(523.25, 0.5)), (0.15, note(659.25, 0.5)), (0.3, note(783.99, 0.5)),
                           (0.45, note(1046.5, 0.8))), out=out)
    write("loop", loop(), LOOP_RATE, out=out)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
