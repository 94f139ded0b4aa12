#include <stdio.h>
#include <string.h>
void reverse(char *s) { size_t n = strlen(s); for (size_t i = 0; i < n / 2; i++) { char t = s[i]; s[i] = s[n - 1 - i]; s[n - 1 - i] = t; } }
int palindrome(const char *s) { size_t n = strlen(s); for (size_t i = 0; i < n / 2; i++) if (s[i] != s[n - 1 - i]) return 0; return 1; }
int count_words(const char *s) { int n = 0, in = 0; for (; *s; s++) { if (*s == ' ') in = 0; else if (!in) { in = 1; n++; } } return n; }
int main(void) {
    char s[] = "netplay";
    reverse(s);
    printf("%s %d %d\n", s, palindrome("racecar"), palindrome("abc"));
    printf("%d\n", count_words("  the quick  brown fox "));
    char line[] = "GET /index.html HTTP/1.1";
    char method[8], path[64], ver[16];
    int n = sscanf(line, "%7s %63s %15s", method, path, ver);
    printf("%d %s %s %s\n", n, method, path, ver);
    int a, b; char op;
    n = sscanf("12 + 30", "%d %c %d", &a, &op, &b);
    printf("%d %d%c%d\n", n, a, op, b);
    return 0;
}
