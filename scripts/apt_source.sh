#!/usr/bin/env bash
# Reads the machine's own apt source list, so the project never names a package archive itself.
# Both formats apt accepts are read: deb822 stanzas in sources.list.d/*.sources and one-line
# entries ("deb [options] URI suite components") in sources.list and sources.list.d/*.list.
# Source it, then: debian_codename -> "bookworm"; debian_archive_uri -> the URI of the first enabled
# entry for that suite (not -security/-updates), empty when there is none.
# APT_ETC (default /etc/apt) and OS_RELEASE (default /etc/os-release) let tests point elsewhere.

debian_codename() {
  local f="${OS_RELEASE:-/etc/os-release}" c=""
  [ -r "$f" ] && c="$(sed -n 's/^VERSION_CODENAME=//p' "$f" | tr -d '"' | head -n1)"
  echo "${c:-bookworm}"
}

debian_archive_uri() {
  local etc="${APT_ETC:-/etc/apt}" suite
  suite="$(debian_codename)"
  local deb822=() oneline=()
  for f in "$etc"/sources.list.d/*.sources; do [ -r "$f" ] && deb822+=("$f"); done
  [ -r "$etc/sources.list" ] && oneline+=("$etc/sources.list")
  for f in "$etc"/sources.list.d/*.list; do [ -r "$f" ] && oneline+=("$f"); done
  local uri=""
  if [ "${#deb822[@]}" -gt 0 ]; then
    # One stanza per blank-line-separated block; field names are case-insensitive.
    uri="$(awk -v suite="$suite" '
      function flush() {
        if (types ~ /(^| )deb(-src)?( |$)/ && (" " suites " ") ~ (" " suite " ") && enabled != "no" && uris != "" && found == "") {
          split(uris, u, " "); found = u[1]
        }
        types = ""; suites = ""; uris = ""; enabled = ""
      }
      FNR == 1 { flush() }   # a new file starts a new stanza
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      {
        line = $0; key = tolower(line); sub(/:.*/, "", key); val = line; sub(/^[^:]*:[ \t]*/, "", val)
        if (key == "types") types = val; else if (key == "suites") suites = val
        else if (key == "uris") uris = val; else if (key == "enabled") enabled = tolower(val)
      }
      END { flush(); print found }' "${deb822[@]}")"
  fi
  if [ -z "$uri" ] && [ "${#oneline[@]}" -gt 0 ]; then
    uri="$(awk -v suite="$suite" '
      /^[ \t]*#/ { next }
      $1 == "deb" || $1 == "deb-src" {
        i = 2
        if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }   # skip [arch=... signed-by=...]
        if ($(i + 1) == suite) { print $i; exit }
      }' "${oneline[@]}")"
  fi
  echo "${uri%/}"
}
