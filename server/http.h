// cpp-httplib, declared the way Debian's libcpp-httplib.so was compiled
// (`pkg-config --cflags cpp-httplib`): with OpenSSL, zlib and Brotli support.
// Those switches change the layout of httplib's classes (Request, Client...),
// so a translation unit that saw other declarations than the library would
// corrupt memory. Include this header, never <httplib.h> directly.
#pragma once

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#ifndef CPPHTTPLIB_ZLIB_SUPPORT
#define CPPHTTPLIB_ZLIB_SUPPORT
#endif
#ifndef CPPHTTPLIB_BROTLI_SUPPORT
#define CPPHTTPLIB_BROTLI_SUPPORT
#endif

#include <httplib.h>
