# Finds a JDK 21 or newer for ./tuesday and ./mvnw (sourced by both; POSIX sh). The default java
# of a machine may be older: JAVA_HOME is taken when it is 21+, then the java on PATH, then the
# usual install folders. A JDK's version is read from its `release` file, without starting it.

# Prints the major version of the JDK at $1 (0 when it cannot be told).
tuesday_jdk_major() {
  _major=""
  if [ -f "$1/release" ]; then
    _major=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1)
  fi
  if [ -z "$_major" ] && [ -x "$1/bin/java" ]; then
    _major=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "${_major:-0}"
}

# Prints the home of the first JDK 21+ found; fails when there is none.
tuesday_find_jdk() {
  _path_java=""
  if command -v java >/dev/null 2>&1; then
    _path_java=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for _home in "${JAVA_HOME:-}" "$_path_java" /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -n "$_home" ] && [ -x "$_home/bin/javac" ] && [ "$(tuesday_jdk_major "$_home")" -ge 21 ] 2>/dev/null; then
      echo "$_home"
      return 0
    fi
  done
  return 1
}
