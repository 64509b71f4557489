# Finds a JDK 21 or newer for ./tuesday and ./mvnw (sourced by both; POSIX sh). The default java
# of a machine may be older: JAVA_HOME is taken when it is 21+, then the java on PATH, then the
# usual install folders. A JDK's version is read from its `release` file, without starting it,
# and with shell built-ins only: starting a process costs tens of milliseconds on a busy VM, and
# this runs before every command.

# Sets _major to the major version of the JDK at $1 (0 when it cannot be told).
tuesday_jdk_major() {
  _major=""
  if [ -f "$1/release" ]; then
    while IFS= read -r _line || [ -n "$_line" ]; do
      case $_line in
        JAVA_VERSION=*)
          _version=${_line#JAVA_VERSION=}
          _version=${_version#\"}
          _major=${_version%%[!0-9]*}
          break
          ;;
      esac
    done <"$1/release"
  fi
  if [ -z "$_major" ] && [ -x "$1/bin/java" ]; then
    _major=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  _major=${_major:-0}
}

# Succeeds when $1 is a JDK 21+ (it has javac and says so).
tuesday_jdk_ok() {
  [ -n "$1" ] && [ -x "$1/bin/javac" ] || return 1
  tuesday_jdk_major "$1"
  [ "$_major" -ge 21 ] 2>/dev/null
}

# Prints the home of the first JDK 21+ found; fails when there is none.
tuesday_find_jdk() {
  if tuesday_jdk_ok "${JAVA_HOME:-}"; then
    echo "$JAVA_HOME"
    return 0
  fi
  _path_java=""
  if command -v java >/dev/null 2>&1; then
    _path_java=$(readlink -f "$(command -v java)")
    _path_java=${_path_java%/bin/java}
  fi
  for _home in "$_path_java" /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if tuesday_jdk_ok "$_home"; then
      echo "$_home"
      return 0
    fi
  done
  return 1
}
