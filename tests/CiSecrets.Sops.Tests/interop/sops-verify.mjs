// An independent SOPS + age decryptor and MAC verifier, written from the format notes
// (shared/reference/sops-format.md) with nothing but Node's built-in crypto, so that files written by
// CiSecrets.Sops are checked by code that shares none of its parsing or cryptography.
//
//   SOPS_AGE_KEY='AGE-SECRET-KEY-1...' node sops-verify.mjs FILE [yaml|json|dotenv|ini|binary]
//
// Prints {"mac":"verified"|"mismatch","documents":[{"flat.path":"value",...},...]} and exits 0 when the
// MAC verifies, 3 on a MAC mismatch, 2 on any other failure (one line on stderr). Identities come from
// the environment, never from arguments, so they do not show in process lists.
// Scope: the YAML that sops (yaml.v3, indent 4) and CiSecrets write (lists in lists included), JSON, dotenv,
// INI (go-ini's rules as sops uses them), binary ({"data": ...}); one key group, or Shamir key_groups.
// The store follows the extension as sops picks it (.yaml/.yml, .json, .env, .ini, anything else binary).

import crypto from "node:crypto";
import fs from "node:fs";

class VerifyError extends Error {}
const fail = (message) => { throw new VerifyError(message); };

// ---------- bech32 (BIP-173) for AGE-SECRET-KEY-1... ----------
const CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
function bech32Polymod(values) {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i];
  }
  return chk >>> 0;
}
function bech32Decode(text) {
  const lower = text.toLowerCase();
  const sep = lower.lastIndexOf("1");
  const hrp = lower.slice(0, sep);
  const data = [...lower.slice(sep + 1)].map((c) => CHARSET.indexOf(c));
  if (data.some((d) => d < 0)) fail("identity: bad bech32 character");
  const expanded = [...hrp].map((c) => c.charCodeAt(0) >> 5).concat([0], [...hrp].map((c) => c.charCodeAt(0) & 31));
  if (bech32Polymod(expanded.concat(data)) !== 1) fail("identity: bad bech32 checksum");
  let acc = 0, bits = 0;
  const out = [];
  for (const d of data.slice(0, -6)) {
    acc = (acc << 5) | d; bits += 5;
    while (bits >= 8) { bits -= 8; out.push((acc >> bits) & 0xff); }
  }
  return { hrp, bytes: Buffer.from(out) };
}

// ---------- X25519 via KeyObjects (raw keys wrapped in their fixed DER prefixes) ----------
const PKCS8_X25519 = Buffer.from("302e020100300506032b656e04220420", "hex");
const SPKI_X25519 = Buffer.from("302a300506032b656e032100", "hex");
function identityFrom(text) {
  const { hrp, bytes } = bech32Decode(text.trim());
  if (hrp !== "age-secret-key-" || bytes.length !== 32) fail("identity: not an AGE-SECRET-KEY-1 key");
  const privateKey = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_X25519, bytes]), format: "der", type: "pkcs8" });
  const publicRaw = crypto.createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(-32);
  return { privateKey, publicRaw };
}
const publicKeyObject = (raw) => crypto.createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: "der", type: "spki" });
const hkdf = (ikm, salt, info, length) => Buffer.from(crypto.hkdfSync("sha256", ikm, salt, Buffer.from(info), length));

function chachaOpen(key, nonce, sealed) {
  const decipher = crypto.createDecipheriv("chacha20-poly1305", key, nonce, { authTagLength: 16 });
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
}
const rawBase64 = (s) => Buffer.from(s, "base64");

// ---------- age v1: armored file -> payload, for one X25519 identity ----------
function ageDecrypt(armored, identity) {
  const lines = armored.trim().split(/\r?\n/);
  if (lines[0] !== "-----BEGIN AGE ENCRYPTED FILE-----" || lines.at(-1) !== "-----END AGE ENCRYPTED FILE-----") fail("age: not an armored age file");
  const file = Buffer.from(lines.slice(1, -1).join(""), "base64");
  const headerEnd = file.indexOf("\n---");
  const macLineEnd = file.indexOf("\n", headerEnd + 1);
  const header = file.subarray(0, headerEnd + 4);
  const headerMac = rawBase64(file.subarray(headerEnd + 5, macLineEnd).toString("latin1"));
  const headerLines = file.subarray(0, headerEnd).toString("latin1").split("\n");
  if (headerLines[0] !== "age-encryption.org/v1") fail("age: unknown version line");
  let fileKey = null;
  for (let i = 1; i < headerLines.length; i++) {
    if (!headerLines[i].startsWith("-> ")) continue;
    const args = headerLines[i].slice(3).split(" ");
    let body = "";
    while (++i < headerLines.length) {
      body += headerLines[i];
      if (headerLines[i].length < 64) break;
    }
    if (args[0] !== "X25519" || fileKey) continue;
    const share = rawBase64(args[1]);
    const shared = crypto.diffieHellman({ privateKey: identity.privateKey, publicKey: publicKeyObject(share) });
    const wrapKey = hkdf(shared, Buffer.concat([share, identity.publicRaw]), "age-encryption.org/v1/X25519", 32);
    try { fileKey = chachaOpen(wrapKey, Buffer.alloc(12), rawBase64(body)); } catch { /* another recipient's stanza */ }
  }
  if (!fileKey) return null;
  const expectedMac = crypto.createHmac("sha256", hkdf(fileKey, Buffer.alloc(0), "header", 32)).update(header).digest();
  if (!crypto.timingSafeEqual(expectedMac, headerMac)) fail("age: header MAC does not verify");
  const nonce = file.subarray(macLineEnd + 1, macLineEnd + 17);
  const payloadKey = hkdf(fileKey, nonce, "payload", 32);
  const chunkNonce = Buffer.alloc(12); chunkNonce[11] = 1; // one final chunk: a data key is 32 bytes
  return chachaOpen(payloadKey, chunkNonce, file.subarray(macLineEnd + 17));
}

// ---------- AES-256-GCM values with 32-byte IVs ----------
const ENC = /^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]/;
function decryptValue(text, dataKey, aad, where) {
  const m = ENC.exec(text);
  if (!m) fail(`${where}: not an ENC[AES256_GCM,...] value`);
  const decipher = crypto.createDecipheriv("aes-256-gcm", dataKey, Buffer.from(m[2], "base64"));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(Buffer.from(m[3], "base64"));
  let plain;
  try { plain = Buffer.concat([decipher.update(Buffer.from(m[1], "base64")), decipher.final()]); } catch { fail(`${where}: authentication failed`); }
  return { type: m[4], text: plain.toString("utf8"), bytes: plain };
}

// ---------- the value as the MAC hashes it (sops' ToBytes of the typed value) ----------
function formatFloat(x) {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+Inf" : "-Inf";
  if (Object.is(x, -0)) return "-0";
  const s = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[2] + (m[3] ?? ""), exponent = Number(m[4]);
  if (exponent >= 0) return m[1] + (digits + "0".repeat(Math.max(0, exponent + 1 - digits.length))).slice(0, Math.max(digits.length, exponent + 1)).replace(new RegExp(`^(\\d{${exponent + 1}})(\\d+)$`), "$1.$2");
  return m[1] + "0." + "0".repeat(-exponent - 1) + digits;
}
function typedText(type, text, where) {
  switch (type) {
    case "str": case "time": case "comment": return text;
    case "int": if (!/^[+-]?\d+$/.test(text)) fail(`${where}: bad int`); return BigInt(text).toString();
    case "float": { const x = Number(text); if (text.trim() === "" || (Number.isNaN(x) && text !== "NaN")) fail(`${where}: bad float`); return formatFloat(x); }
    case "bool": if (/^(1|t|T|TRUE|true|True)$/.test(text)) return "True"; if (/^(0|f|F|FALSE|false|False)$/.test(text)) return "False"; return fail(`${where}: bad bool`);
    default: return fail(`${where}: unknown value type '${type}'`);
  }
}

// A tree is { map: [[key, node], ...] } | { list: [node, ...] } | { comment: text } | { scalar: { kind, text } }.
// kind: str | int | float | bool | null | time (plain scalars typed the way yaml.v3 / encoding/json type them).

// ---------- YAML: the block style sops and CiSecrets write ----------
function parseYamlDocuments(source) {
  const docs = [];
  let current = [];
  for (const line of source.replace(/\r\n/g, "\n").split("\n")) {
    if (line === "---") { docs.push(current); current = []; } else current.push(line);
  }
  docs.push(current);
  return docs.filter((d) => d.some((l) => l.trim() !== "")).map((d) => new YamlParser(d).document());
}
class YamlParser {
  constructor(lines) { this.lines = lines.map((raw) => ({ indent: raw.length - raw.trimStart().length, text: raw.trim(), raw })); this.i = 0; }
  skipBlank() { while (this.i < this.lines.length && this.lines[this.i].text === "") this.i++; }
  peek() { this.skipBlank(); return this.lines[this.i]; }
  document() { const node = this.block(0); if (this.peek()) fail(`yaml: unexpected line '${this.peek().raw}'`); return node; }
  block(indent) {
    const first = this.peek();
    if (!first || first.indent < indent) return { map: [] };
    return first.text.startsWith("- ") || first.text === "-" ? this.sequence(first.indent) : this.mapping(first.indent);
  }
  mapping(indent) {
    const map = [];
    for (let line = this.peek(); line && line.indent === indent && !(line.text.startsWith("- ") || line.text === "-"); line = this.peek()) {
      if (line.text.startsWith("#")) { map.push([null, { comment: line.text.slice(1) }]); this.i++; continue; }
      const { key, rest } = splitKey(line.text);
      this.i++;
      map.push([key, this.value(rest, indent)]);
    }
    return { map };
  }
  sequence(indent) {
    const list = [];
    for (let line = this.peek(); line && line.indent === indent && (line.text.startsWith("- ") || line.text === "-" || line.text.startsWith("#")); line = this.peek()) {
      if (line.text.startsWith("#")) { list.push({ comment: line.text.slice(1) }); this.i++; continue; }
      const rest = line.text === "-" ? "" : line.text.slice(2);
      if (rest === "-" || rest.startsWith("- ")) {
        // "- - x": a list whose first item sits after the outer dash (yaml.v3 writes lists in lists this way).
        this.lines[this.i] = { indent: indent + 2, text: rest, raw: " ".repeat(indent + 2) + rest };
        list.push(this.sequence(indent + 2));
      } else if (rest !== "" && !rest.startsWith("#") && looksLikeKey(rest)) {
        // "- key: value": a mapping whose first line sits after the dash.
        this.lines[this.i] = { indent: indent + 2, text: rest.trim(), raw: " ".repeat(indent + 2) + rest.trim() };
        list.push(this.mapping(indent + 2));
      } else {
        this.i++;
        list.push(this.value(rest, indent));
      }
    }
    return { list };
  }
  value(rest, indent) {
    if (rest === "" || rest.startsWith("#")) {
      const next = this.peek();
      if (next && (next.indent > indent || (next.indent === indent && next.text.startsWith("- ")))) return this.block(next.indent);
      return { scalar: { kind: "null", text: "" } };
    }
    const block = /^([|>])([+-]?)(\d?)\s*(#.*)?$/.exec(rest);
    if (block) return this.blockScalar(block[1], block[2], indent);
    if (rest === "{}") return { map: [] };
    if (rest === "[]") return { list: [] };
    return { scalar: plainOrQuoted(rest) };
  }
  blockScalar(style, chomp, parentIndent) {
    const body = [];
    let contentIndent = null;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.text !== "" && line.indent <= parentIndent) break;
      if (line.text !== "" && contentIndent === null) contentIndent = line.indent;
      body.push(line.text === "" ? "" : line.raw.slice(contentIndent));
      this.i++;
    }
    if (style === ">") fail("yaml: folded scalars are not written by sops");
    while (body.length && body.at(-1) === "" && chomp !== "+") body.pop();
    let text = body.join("\n");
    if (chomp !== "-" && body.length) text += "\n";
    return { scalar: { kind: "str", text } };
  }
}
function looksLikeKey(text) { return /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^'"#\s][^#]*?):(\s|$)/.test(text); }
function splitKey(text) {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^'"#][^#]*?):(?:\s+(.*))?$/.exec(text);
  if (!m) fail(`yaml: '${text}' is not a 'key: value' line`);
  const key = m[1].startsWith('"') ? JSON.parse(m[1]) : m[1].startsWith("'") ? m[1].slice(1, -1).replace(/''/g, "'") : m[1];
  return { key, rest: (m[2] ?? "").trim() };
}
function plainOrQuoted(text) {
  if (text.startsWith('"')) { const end = text.lastIndexOf('"'); return { kind: "str", text: JSON.parse(text.slice(0, end + 1)) }; }
  if (text.startsWith("'")) { const end = text.lastIndexOf("'"); return { kind: "str", text: text.slice(1, end).replace(/''/g, "'") }; }
  const value = text.replace(/\s+#.*$/, "");
  if (/^(~|null|Null|NULL)$/.test(value)) return { kind: "null", text: "" };
  if (/^(true|True|TRUE)$/.test(value)) return { kind: "bool", text: "True" };
  if (/^(false|False|FALSE)$/.test(value)) return { kind: "bool", text: "False" };
  const date = /^(\d{4})-(\d\d?)-(\d\d?)$/.exec(value);
  if (date) return { kind: "time", text: `${date[1]}-${date[2].padStart(2, "0")}-${date[3].padStart(2, "0")}T00:00:00Z` };
  if (/^\d{4}-\d\d?-\d\d?[Tt ]/.test(value)) return { kind: "time", text: new Date(value).toISOString().replace(".000Z", "Z") };
  if (/^[-+]?(0|[1-9][0-9_]*)$/.test(value)) return { kind: "int", text: BigInt(value.replace(/_/g, "")).toString() };
  if (/^[-+]?0x[0-9a-fA-F_]+$/.test(value)) return { kind: "int", text: BigInt(value.replace(/_/g, "").replace(/^\+/, "")).toString() };
  if (/^[-+]?0o[0-7_]+$/.test(value)) return { kind: "int", text: (value.startsWith("-") ? "-" : "") + BigInt(value.replace(/[-+_]/g, "")).toString() };
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(value)) return { kind: "float", text: formatFloat(Number(value)) };
  if (/^[-+]?\.(inf|Inf|INF)$/.test(value)) return { kind: "float", text: value.startsWith("-") ? "-Inf" : "+Inf" };
  return { kind: "str", text: value };
}

// ---------- JSON: ordered, duplicates kept, numbers by their text ----------
function parseJson(text) {
  let i = 0;
  const ws = () => { while (/\s/.test(text[i] ?? "")) i++; };
  const expect = (c) => { ws(); if (text[i] !== c) fail(`json: expected '${c}' at offset ${i}`); i++; };
  function string() {
    ws();
    const m = /^"(?:[^"\\\u0000-\u001f]|\\.)*"/.exec(text.slice(i));
    if (!m) fail(`json: bad string at offset ${i}`);
    i += m[0].length;
    return JSON.parse(m[0]);
  }
  function value() {
    ws();
    const c = text[i];
    if (c === "{") {
      i++; const map = []; ws();
      if (text[i] === "}") { i++; return { map }; }
      for (;;) { const key = string(); expect(":"); map.push([key, value()]); ws(); if (text[i] === ",") { i++; continue; } expect("}"); return { map }; }
    }
    if (c === "[") {
      i++; const list = []; ws();
      if (text[i] === "]") { i++; return { list }; }
      for (;;) { list.push(value()); ws(); if (text[i] === ",") { i++; continue; } expect("]"); return { list }; }
    }
    if (c === '"') return { scalar: { kind: "str", text: string() } };
    for (const [word, scalar] of [["true", { kind: "bool", text: "True" }], ["false", { kind: "bool", text: "False" }], ["null", { kind: "null", text: "" }]]) {
      if (text.startsWith(word, i)) { i += word.length; return { scalar }; }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (!m) fail(`json: unexpected character at offset ${i}`);
    i += m[0].length;
    const isInt = !m[2] && !m[3] && BigInt(m[0]) >= -(2n ** 63n) && BigInt(m[0]) < 2n ** 63n;
    return { scalar: isInt ? { kind: "int", text: BigInt(m[0]).toString() } : { kind: "float", text: formatFloat(Number(m[0])) } };
  }
  const root = value(); ws();
  if (i !== text.length) fail("json: trailing data");
  if (!root.map) fail("json: the top level is not an object");
  return [root];
}

// ---------- dotenv: KEY=VALUE verbatim, '#' comments, sops_ metadata flattened ----------
function parseDotenv(text) {
  const map = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    if (line.startsWith("#")) { map.push([null, { comment: line.slice(1) }]); continue; }
    const eq = line.indexOf("=");
    if (eq < 0) fail(`dotenv: line without '=': ${line.slice(0, 20)}`);
    map.push([line.slice(0, eq), { scalar: { kind: "str", text: line.slice(eq + 1).replace(/\\n/g, "\n") } }]);
  }
  const data = map.filter(([k]) => k === null || !k.startsWith("sops_"));
  const flat = map.filter(([k]) => k !== null && k.startsWith("sops_")).map(([k, v]) => [k.slice(5), v]);
  return { documents: [{ map: data }], metadata: unflatten(flat) };
}
function unflatten(entries) {
  const root = { map: [] };
  for (const [key, value] of entries) {
    const tokens = key.split(/(__map_|__list_)/);
    let node = root, name = tokens[0];
    for (let t = 1; t < tokens.length; t += 2) {
      const child = lookup(node, name) ?? (tokens[t] === "__map_" ? { map: [] } : { list: [] });
      if (!lookup(node, name)) assign(node, name, child);
      node = child; name = tokens[t] === "__list_" ? Number(tokens[t + 1]) : tokens[t + 1];
    }
    assign(node, name, value);
  }
  return root;
}
const lookup = (node, name) => node.map ? node.map.find(([k]) => k === name)?.[1] : node.list[name];
const assign = (node, name, value) => { if (node.map) node.map.push([name, value]); else node.list[name] = value; };

// ---------- INI: go-ini's rules as sops loads files (sections in order, DEFAULT first, all strings) ----------
// The [sops] section holds the metadata flattened without prefix, newlines written as the two characters \n.
function parseIni(source) {
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  const sections = [["DEFAULT", { map: [] }]];
  let comments = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    if (line.startsWith(";") || line.startsWith("#")) { comments.push({ comment: line.replace(/^[;#\s]+/, "") }); continue; }
    const section = sections.at(-1)[1];
    if (line.startsWith("[")) {
      const close = line.indexOf("]");
      if (close < 0) fail(`ini: unclosed section header on line ${i + 1}`);
      // A comment before a header belongs to that section (its first item).
      sections.push([line.slice(1, close).trim(), { map: comments.map((c) => [null, c]) }]);
      comments = [];
      continue;
    }
    const separator = line.search(/[=:]/);
    if (separator <= 0) fail(`ini: line ${i + 1} is not 'key = value'`);
    const key = line.slice(0, separator).trim();
    let value = line.slice(separator + 1).trim();
    if (value.startsWith('"""')) {
      // A value in triple quotes may span lines; its newlines are kept.
      let body = value.slice(3);
      while (!body.includes('"""')) {
        if (++i >= lines.length) fail(`ini: unclosed """ value for '${key}'`);
        body += "\n" + lines[i];
      }
      value = body.slice(0, body.indexOf('"""'));
    } else if (/^(["'`]).*\1$/.test(value) && value.length > 1) value = value.slice(1, -1);
    else {
      const inline = value.search(/[#;]/);
      if (inline >= 0) value = value.slice(0, inline).trimEnd();
    }
    section.map.push([key, { scalar: { kind: "str", text: value } }]);
    // A comment before a key is kept with it (sops stores it after the key); only its AAD, the section, matters here.
    section.map.push(...comments.map((c) => [null, c]));
    comments = [];
  }
  sections.at(-1)[1].map.push(...comments.map((c) => [null, c]));
  const sops = sections.filter(([name]) => name === "sops");
  const data = sections.filter(([name]) => name !== "sops");
  const flat = sops.flatMap(([, s]) => s.map.filter(([k]) => k !== null).map(([k, v]) => [k, { scalar: { kind: "str", text: v.scalar.text.replace(/\\n/g, "\n") } }]));
  return { documents: [{ map: data }], metadata: sops.length ? unflatten(flat) : null };
}

// ---------- Shamir over GF(2^8) with the AES polynomial (hashicorp/vault shamir, as sops vendors it) ----------
function gfMultiply(a, b) {
  let product = 0;
  for (; b; b >>= 1) {
    if (b & 1) product ^= a;
    a <<= 1;
    if (a & 0x100) a ^= 0x11b;
  }
  return product;
}
const gfInverse = (a) => { let r = 1; for (let i = 0; i < 254; i++) r = gfMultiply(r, a); return r; }; // a^254 = a^-1
// Shares are y_0..y_31 followed by x; the secret is the polynomials' value at 0 (Lagrange interpolation).
function shamirCombine(shares, where) {
  const xs = shares.map((s) => s.at(-1));
  if (new Set(xs).size !== xs.length) fail(`${where}: two key groups hold the same Shamir share`);
  const secret = Buffer.alloc(shares[0].length - 1);
  for (let j = 0; j < shares.length; j++) {
    let basis = 1;
    for (let m = 0; m < shares.length; m++) if (m !== j) basis = gfMultiply(basis, gfMultiply(xs[m], gfInverse(xs[m] ^ xs[j])));
    for (let i = 0; i < secret.length; i++) secret[i] ^= gfMultiply(shares[j][i], basis);
  }
  return secret;
}
function recoverDataKey(meta, identities, where) {
  const open = (group) => { for (const enc of group) for (const identity of identities) { const key = ageDecrypt(enc, identity); if (key) return key; } return null; };
  if (meta.groups.length === 1) {
    const key = open(meta.groups[0]);
    if (!key || key.length !== 32) fail(`${where}: no identity opens the data key`);
    return key;
  }
  const shares = meta.groups.map(open).filter((s) => s);
  if (shares.some((s) => s.length !== 33)) fail(`${where}: a Shamir share is not 33 bytes`);
  if (shares.length < meta.threshold) fail(`${where}: ${shares.length} of ${meta.groups.length} key groups open, the Shamir threshold is ${meta.threshold}`);
  return shamirCombine(shares, where);
}

// ---------- the sops walk: decrypt, collect MAC input, flatten ----------
const text = (node) => node?.scalar?.text;
function metadataOf(meta, where) {
  if (!meta?.map) fail(`${where}: no sops metadata`);
  const get = (k) => lookup(meta, k);
  const lastmodified = text(get("lastmodified")) ?? fail(`${where}: sops.lastmodified is missing`);
  const mac = text(get("mac")) ?? fail(`${where}: sops.mac is missing`);
  // One group: the top-level lists. Several (Shamir): key_groups, each with the same per-type lists.
  const ageOf = (group) => (lookup(group, "age")?.list ?? []).map((e) => text(lookup(e, "enc")));
  const topLevel = ageOf(meta);
  const groups = topLevel.length ? [topLevel] : (get("key_groups")?.list ?? []).map(ageOf);
  if (groups.length === 0 || groups.every((g) => g.length === 0)) fail(`${where}: no age keys in the metadata`);
  const threshold = Number(text(get("shamir_threshold")) || 0) || groups.length;
  const rule = (k) => text(get(k)) || null;
  return {
    lastmodified, mac, groups, threshold,
    unencryptedSuffix: rule("unencrypted_suffix"), encryptedSuffix: rule("encrypted_suffix"),
    unencryptedRegex: rule("unencrypted_regex"), encryptedRegex: rule("encrypted_regex"),
    macOnlyEncrypted: /^(true|True)$/.test(text(get("mac_only_encrypted")) ?? ""),
  };
}
function shouldEncrypt(path, m) {
  if (m.encryptedSuffix) return path.some((k) => k.endsWith(m.encryptedSuffix));
  if (m.unencryptedRegex) return !path.some((k) => new RegExp(m.unencryptedRegex).test(k));
  if (m.encryptedRegex) return path.some((k) => new RegExp(m.encryptedRegex).test(k));
  return !path.some((k) => k.endsWith(m.unencryptedSuffix ?? "_unencrypted"));
}
function walk(node, path, flatName, ctx) {
  if (node.map) {
    for (const [key, child] of node.map) {
      if (key === null) { comment(child, path, ctx); continue; }
      if (typeof key !== "string") fail(`${ctx.where}: a non-string key`);
      walk(child, [...path, key], flatName === "" ? key : `${flatName}.${key}`, ctx);
    }
  } else if (node.list) {
    let index = 0;
    for (const item of node.list) {
      if (item.comment !== undefined) comment(item, path, ctx); else walk(item, path, `${flatName}[${index++}]`, ctx);
    }
  } else if (node.comment !== undefined) {
    comment(node, path, ctx);
  } else {
    const { kind, text: raw } = node.scalar;
    if (kind === "null") return;
    const encrypted = shouldEncrypt(path, ctx.meta);
    let value, bytes;
    if (encrypted && kind === "str" && raw === "") value = "";
    else if (encrypted) {
      if (kind !== "str") fail(`${ctx.where}: '${path.join(":")}' should be encrypted but is a ${kind}`);
      const d = decryptValue(raw, ctx.dataKey, path.join(":") + ":", `${ctx.where}: '${path.join(":")}'`);
      value = typedText(d.type, d.text, `${ctx.where}: '${path.join(":")}'`);
      // A string is hashed byte for byte (binary files need not be UTF-8).
      if (d.type === "str") bytes = d.bytes;
    } else value = raw;
    if (value !== "" && (encrypted || !ctx.meta.macOnlyEncrypted)) ctx.hash.update(bytes ?? Buffer.from(value, "utf8"));
    ctx.flat[flatName] = value;
  }
}
function comment(node, path, ctx) {
  // Comments are not hashed; an encrypted one must still authenticate under its container's path.
  const body = node.comment.trimStart();
  if (body.startsWith("ENC[")) decryptValue(body, ctx.dataKey, path.join(":") + ":", `${ctx.where}: a comment under '${path.join(":")}'`);
}

function verify(file, format, identities) {
  const source = fs.readFileSync(file, "utf8");
  if (source.trim() === "") fail(`${file}: empty file`);
  let documents, metadataNode;
  if (format === "dotenv") ({ documents, metadata: metadataNode } = parseDotenv(source));
  else if (format === "ini") ({ documents, metadata: metadataNode } = parseIni(source));
  else {
    // The binary store is the JSON store around {"data": <the file>}.
    documents = format === "json" || format === "binary" ? parseJson(source) : parseYamlDocuments(source);
    metadataNode = lookup(documents[0], "sops");
    documents = documents.map((d) => ({ map: d.map.filter(([k]) => k !== "sops") }));
  }
  const meta = metadataOf(metadataNode, file);
  const dataKey = recoverDataKey(meta, identities, file);
  const hash = crypto.createHash("sha512");
  if (meta.macOnlyEncrypted) hash.update(crypto.createHash("sha256").update("sops").digest());
  const flats = documents.map((document) => {
    const ctx = { meta, dataKey, hash, flat: {}, where: file };
    walk(document, [], "", ctx);
    return ctx.flat;
  });
  const computed = hash.digest("hex").toUpperCase();
  // The stored MAC's AAD is lastmodified re-formatted as RFC 3339 in UTC, seconds precision.
  const aad = new Date(meta.lastmodified).toISOString().replace(/\.\d{3}Z$/, "Z");
  const stored = decryptValue(meta.mac, dataKey, aad, `${file}: sops.mac`).text;
  return { mac: stored === computed ? "verified" : "mismatch", documents: flats };
}

try {
  const [file, given] = process.argv.slice(2);
  if (!file) fail("usage: SOPS_AGE_KEY=... node sops-verify.mjs FILE [yaml|json|dotenv|ini|binary]");
  const format = given ?? (/\.ya?ml$/.test(file) ? "yaml" : /\.json$/.test(file) ? "json" : /\.env$/.test(file) ? "dotenv" : /\.ini$/.test(file) ? "ini" : "binary");
  const keys = (process.env.SOPS_AGE_KEY ?? "").split(/\s+/).filter((k) => k.startsWith("AGE-SECRET-KEY-1"));
  if (keys.length === 0) fail("SOPS_AGE_KEY holds no AGE-SECRET-KEY-1 identity");
  const result = verify(file, format, keys.map(identityFrom));
  process.stdout.write(JSON.stringify(result) + "\n");
  process.exit(result.mac === "verified" ? 0 : 3);
} catch (e) {
  process.stderr.write(`sops-verify: ${e instanceof VerifyError ? e.message : `unexpected ${e.name}: ${e.message}`}\n`);
  process.exit(2);
}
