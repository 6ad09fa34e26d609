"""What kind of media a URL points to: a video or audio file or player host, or an image."""

from __future__ import annotations

import re

VIDEO_EXTENSIONS = frozenset(
    [
        "mp4",
        "webm",
        "m4v",
        "mov",
        "mkv",
        "avi",
        "ogv",
        "m3u8",
        "mpd",
        "flv",
        "wmv",
        "mpg",
        "mpeg",
        "3gp",
    ]
)
AUDIO_EXTENSIONS = frozenset(["mp3", "m4a", "wav", "ogg", "oga", "aac", "flac", "opus", "wma"])
IMAGE_EXTENSIONS = frozenset(["jpg", "jpeg", "png", "gif", "webp", "svg", "avif", "bmp"])
VIDEO_HOSTS = (
    "youtube.com", "youtube-nocookie.com", "youtu.be", "vimeo.com", "dailymotion.com", "dai.ly",
    "rumble.com", "bitchute.com", "odysee.com", "twitch.tv", "streamable.com", "wistia.com",
    "wistia.net", "brightcove.net", "jwplayer.com", "jwplatform.com", "vk.com/video", "ok.ru",
    "tiktok.com", "kaltura.com", "vidyard.com", "loom.com", "facebook.com/plugins/video",
    "facebook.com/watch", "brighteon.com", "ted.com/talks", "c-span.org", "dw.com/embed",
    "bilibili.com", "rutube.ru",
)  # fmt: skip
AUDIO_HOSTS = (
    "soundcloud.com", "open.spotify.com/episode", "open.spotify.com/embed", "podbean.com",
    "anchor.fm", "buzzsprout.com", "simplecast.com", "megaphone.fm", "omny.fm", "libsyn.com",
    "audioboom.com", "podcasts.apple.com", "podcasts.google.com", "spreaker.com", "iheart.com",
    "mixcloud.com", "castbox.fm",
)  # fmt: skip
_EXTENSION = re.compile(r"\.([a-z0-9]{2,5})\?")


def on_host(host_path: str, hosts: tuple[str, ...]) -> bool:
    """Whether "m.youtube.com/watch?v=1" is on one of the hosts ("youtube.com", "vk.com/video")."""
    host, _, path = host_path.partition("/")
    for entry in hosts:
        entry_host, _, entry_path = entry.partition("/")
        on_entry_host = host == entry_host or host.endswith("." + entry_host)
        if on_entry_host and path.startswith(entry_path):
            return True
    return False


def media_kind(url: str) -> str | None:
    """ "video", "audio" or "image" for a media file or media-host URL, else None."""
    host_path = url.lower().split("://", 1)[-1].lstrip("/").removeprefix("www.")
    ext = _EXTENSION.search(host_path.split("?", 1)[0].split("#", 1)[0] + "?")
    extension = ext.group(1) if ext else ""
    if extension in VIDEO_EXTENSIONS or on_host(host_path, VIDEO_HOSTS):
        return "video"
    if extension in AUDIO_EXTENSIONS or on_host(host_path, AUDIO_HOSTS):
        return "audio"
    return "image" if extension in IMAGE_EXTENSIONS else None


def host_kind(url: str) -> str | None:
    """ "video" or "audio" when the URL is a media file or on a known player host, else None."""
    kind = media_kind(url)
    return kind if kind in {"video", "audio"} else None
