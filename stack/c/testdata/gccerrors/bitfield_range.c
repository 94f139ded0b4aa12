/* Bit-field widths beyond 64 or below 0 (the front end's own refusal,
   in gcc's words). */
struct t { long l:65; };
struct u { int n:-1; };
int main(void) { return 0; }
