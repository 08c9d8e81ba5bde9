// Station exchange files (format version 1) written from JavaScript, for the benchmark and the
// large-file journey: a synthetic station of any size, and a copy of a file keeping some records.
// The format is that of src/exchange/format.rs (public/schema/station-exchange-v1.schema.json):
// the header, then `"sha256"`, then the records array, one record's canonical wire form
// (src/domain/wire.rs) per line, sorted by id. The checksum is the SHA-256 of the header without
// `sha256` (compact, fields in order), a line feed and the records array exactly as written; the
// app checks it and refuses the file if a byte is off.
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync, createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** A hybrid logical clock stamp as the app packs it: wall ms << 11 | counter. */
export const stamp = (wallMs, counter = 0) => wallMs * 2048 + counter;

/** A small deterministic generator (mulberry32), so a seed names a file. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
  return { next, int, pick, hex };
}

/** A version-4 UUID from the generator (`RecordId::parse` wants 8-4-4-4-12 lowercase hex). */
function uuid(r) {
  return `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-${'89ab'[r.int(4)]}${r.hex(3)}-${r.hex(12)}`;
}

/** A record created in one go at one stamp, in the canonical wire form: every field plain in
 * `d`, whose keys serde writes sorted. */
export function created(id, kind, station, t, fields) {
  const d = {};
  for (const key of Object.keys(fields).sort()) d[key] = fields[key];
  return { id, k: kind, o: station, c: { [station]: t }, t, s: station, d };
}

/** Writes `lines` (the records' wire-form JSON texts, sorted by id) as an exchange file at
 * `path`, streaming; returns {bytes, sha256, counts}. `kinds` gives each line's kind. */
export function writeExchangeFile(path, { station, createdMs, created: date, lines, kinds }) {
  const counts = {};
  for (const k of kinds) counts[k] = (counts[k] ?? 0) + 1;
  const sorted = {};
  for (const k of Object.keys(counts).sort()) sorted[k] = counts[k];
  // Field order of `format::Header` (serde writes them in declaration order).
  const header = JSON.stringify({
    format: 'dangjian-station-exchange', version: 1, app_version: '0.1.0',
    station: { id: station.id, name: station.name, level: station.level },
    scope: { kind: 'station' },
    created_ms: createdMs, created: date, counts: sorted,
  });
  const hash = createHash('sha256');
  hash.update(header);
  hash.update('\n');
  // The array as `write_records_array` makes it: "[", "\n" or ",\n" before each record, "\n]".
  const pieces = (emit) => {
    emit('[');
    lines.forEach((line, i) => { emit(i === 0 ? '\n' : ',\n'); emit(line); });
    emit('\n]');
  };
  pieces((p) => hash.update(p));
  const sha256 = hash.digest('hex');
  const fd = openSync(path, 'w');
  let bytes = 0;
  let buffer = [];
  let buffered = 0;
  const flush = () => { const b = Buffer.from(buffer.join('')); writeSync(fd, b); bytes += b.length; buffer = []; buffered = 0; };
  const emit = (p) => { buffer.push(p); buffered += p.length; if (buffered > 1 << 22) flush(); };
  try {
    emit(header.slice(0, -1));
    emit(`,"sha256":"${sha256}","records":`);
    pieces(emit);
    emit('}\n');
    flush();
  } finally {
    closeSync(fd);
  }
  return { bytes, sha256, counts: sorted };
}

/** Copies the exchange file `src` to `dst` keeping only the records whose kind `keep(kind)`
 * accepts, with the header's counts and checksum made anew. Relies on the app's layout: one
 * record per line, each line starting `{"id":"…","k":"kind"`. Returns what writeExchangeFile
 * returns plus the header. */
export async function filterExchangeFile(src, dst, keep) {
  const input = createInterface({ input: createReadStream(src, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header;
  const lines = [];
  const kinds = [];
  for await (const raw of input) {
    if (header === undefined) {
      // `{…header…,"sha256":"…","records":[`
      header = JSON.parse(raw.replace(/,"sha256":"[0-9a-f]{64}","records":\[$/, '}'));
      continue;
    }
    if (!raw.startsWith('{"id"')) continue; // "]}" at the end
    const line = raw.endsWith(',') ? raw.slice(0, -1) : raw;
    const kind = /^\{"id":"[^"]*","k":"([a-z0-9_]+)"/.exec(line)?.[1];
    if (kind === undefined) throw new Error(`not a record line: ${line.slice(0, 80)}`);
    if (keep(kind)) { lines.push(line); kinds.push(kind); }
  }
  const written = writeExchangeFile(dst, { station: header.station, createdMs: header.created_ms, created: header.created, lines, kinds });
  return { ...written, header };
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱覃'];
const GIVEN = [...'建国秀英明德红兵志强丽华桂兰海燕春梅文军伟平玉珍金凤永福光辉小龙振华淑芬国庆新民德胜秋菊云霞'];
const VILLAGES = [...'青港鹤铺泉岭北铺山塘王家冲湖新河东塘白沙石门柳林枫树桃花杨柳竹山'];
const EDUCATIONS = ['小学及以下', '初中', '高中', '中专', '大专', '本科', '研究生'];
const POSTS = ['务农', '个体经营', '村干部', '退休', '外出务工', '无'];
const PARTS = [
  '今天上午，我骑摩托车到村里入户走访，了解家里的生产生活情况。', '天气炎热，中午气温超过了三十五度。',
  '家里主要靠几亩责任田和低保过日子。', '他问大病保险的二次报销要准备什么材料。',
  '我帮他整理了住院发票和出院小结，答应送到县医保局办理。', '他对镇里开展的人居环境整治很支持，主动拆除了自家的旱厕。',
  '我向他介绍了镇里近期组织的农村实用技术培训，他表示有空会去听。', '他关心村里换届选举的事，说要选真正为群众办事的人。',
  '临走时，我把电话号码留给了他，让他有事随时打电话。', '这件事我记在了民情日记上，作为下次走访的重点。',
  '组里的机耕道年久失修，雨天车辆进不去，群众意见比较大。', '今年的早稻收成不错，但收购价格比去年低一些。',
];

/** A valid 18-digit 公民身份号码 (GB 11643 check digit). */
function idNumber(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

const CATEGORIES = ['种养大户', '贫困户', '老党员', '人大代表', '村企业家', '低保户', '残疾人家庭', '留守/空巢老人', '其他'];
const ROLES = ['政策法规宣传员', '农业生产技术员', '矛盾纠纷调解员', '发展经济领航员', '为民办事服务员'];
const MATTERS = ['矛盾纠纷', '生产生活困难', '政策咨询', '基础设施', '医疗教育', '产业发展', '其他'];
const LEADERS = ['王镇长', '刘书记', '陈副镇长'];

/** The date `days` after the ISO date `iso`. */
const after = (iso, days) => new Date(Date.parse(iso) + days * 86400e3).toISOString().slice(0, 10);

/**
 * A synthetic township station: one 乡镇党委, `villages` village branches under it (党总支 or
 * 党支部), `members` members spread over them, `households` 民情户 on the villages' registers,
 * `diaries` 民情日记 of `diaryChars` characters or so, each visiting one or two households of its
 * village, and for the share `followUp` of them a matter taken through 阅批, 督办, 办理, 办结 and
 * 反馈 (kind `diary_step`, one record per step). Records have the fields the app writes
 * (crates/domain/src/household.rs, diary.rs, diary_step.rs). Every record is created at one stamp
 * before `nowMs` (so none is quarantined). Returns the station, the records' lines and kinds
 * sorted by id, and the counts expected per kind.
 */
export function syntheticStation({
  seed = 1, villages = 200, members = 17_000, households = 8_000, diaries = 60_000, diaryChars = 270,
  followUp = 0.15, nowMs = Date.now(), name = '大屋乡',
}) {
  const r = rng(seed);
  const station = { id: r.hex(16), name, level: 'Township' };
  const wall = nowMs - 3 * 24 * 3600 * 1000;
  let counter = 0;
  const t = () => stamp(wall + Math.floor(counter / 2000), counter++ % 2000);
  const records = [];
  const root = uuid(r);
  records.push(created(root, 'org', station.id, t(), { category: 'township', founded: '1953-07-01', name: `${name}党委` }));
  const branches = [];
  for (let v = 0; v < villages; v++) {
    const id = uuid(r);
    const village = `${r.pick(VILLAGES)}${r.pick(VILLAGES)}村`;
    const general = v % 10 === 0;
    branches.push({ id, village, households: [] });
    records.push(created(id, 'org', station.id, t(), {
      category: general ? 'general_branch' : 'branch', founded: `${1950 + r.int(70)}-0${1 + r.int(9)}-1${r.int(10)}`,
      name: `${village}${general ? '党总支' : '党支部'}${v + 1}`, parent: root,
    }));
  }
  const writers = [];
  const names = new Map();
  for (let m = 0; m < members; m++) {
    const id = uuid(r);
    const year = 1940 + r.int(65), month = 1 + r.int(12), day = 1 + r.int(28);
    const male = r.next() < 0.75;
    const branch = r.pick(branches);
    const joined = Math.min(year + 20 + r.int(30), 2024);
    const memberName = r.pick(SURNAMES) + r.pick(GIVEN) + (r.next() < 0.6 ? r.pick(GIVEN) : '');
    if (m % 8 === 0) { writers.push(id); names.set(id, memberName); }
    records.push(created(id, 'member', station.id, t(), {
      address: `湘阴县${name}${branch.village}${1 + r.int(12)}组`,
      birth_date: `${year}-${pad(month)}-${pad(day)}`,
      category: '正式党员', education: r.pick(EDUCATIONS), ethnicity: '汉族', flowing: false,
      full_member_date: `${joined + 1}-${pad(month)}-${pad(day)}`,
      id_number: idNumber(`430624${year}${pad(month)}${pad(day)}${pad(r.int(100))}${male ? 2 * r.int(5) + 1 : 2 * r.int(5)}`),
      joined: `${joined}-${pad(month)}-${pad(day)}`, lost: false,
      name: memberName,
      org: branch.id, phone: `1${3 + r.int(7)}${String(r.int(1e9)).padStart(9, '0')}`,
      post: r.pick(POSTS), sex: male ? '男' : '女', status: '正常',
    }));
  }
  // The registers: every village gets its share (at least one household when there are any).
  for (let h = 0; h < households; h++) {
    const id = uuid(r);
    const branch = h < branches.length ? branches[h] : r.pick(branches);
    const group = 1 + r.int(12);
    const year = 1935 + r.int(60), month = 1 + r.int(12), day = 1 + r.int(28);
    branch.households.push(id);
    const categories = r.next() < 0.5 ? [r.pick(CATEGORIES)] : [];
    records.push(created(id, 'household', station.id, t(), {
      address: `湘阴县${name}${branch.village}${group}组${1 + r.int(80)}号`, categories, group: `${group}组`,
      head: r.pick(SURNAMES) + r.pick(GIVEN) + r.pick(GIVEN),
      id_number: idNumber(`430624${year}${pad(month)}${pad(day)}${pad(r.int(100))}${r.int(10)}`),
      label: '', note: '', people: 1 + r.int(7),
      phone: `1${3 + r.int(7)}${String(r.int(1e9)).padStart(9, '0')}`, village: branch.id,
    }));
  }
  const visited = branches.filter((b) => b.households.length > 0);
  let stepCount = 0;
  for (let n = 0; n < diaries; n++) {
    let situation = '';
    while (situation.length < diaryChars) situation += r.pick(PARTS);
    const branch = r.pick(visited);
    const visitedHere = [r.pick(branch.households)];
    if (r.next() < 0.2) { const second = r.pick(branch.households); if (second !== visitedHere[0]) visitedHere.push(second); }
    const date = `${2024 + r.int(2)}-${pad(1 + r.int(12))}-${pad(1 + r.int(28))}`;
    const writer = r.pick(writers);
    const follow = r.next() < followUp;
    const diary = uuid(r);
    records.push(created(diary, 'diary', station.id, t(), {
      action: r.pick(PARTS), companions: '', date, follow_up: follow, households: visitedHere,
      problem_category: r.pick(MATTERS), request: r.pick(PARTS), roles: [r.pick(ROLES)], situation,
      village: branch.id, writer,
    }));
    if (!follow) continue;
    // The whole loop, a few days apart, as diary_step.rs's add_step writes each step.
    const leader = r.pick(LEADERS);
    const handler = names.get(writer);
    const steps = [
      { step: '阅批', by: leader, note: '请村里尽快核实办理' },
      { step: '督办', by: leader, assignee: `${branch.village}村委会`, deadline: after(date, 30) },
      { step: '办理', by: handler, note: r.pick(PARTS) },
      { step: '办结', by: handler, note: '已办结' },
      { step: '反馈', by: handler, way: r.pick(['入户', '电话', '公开栏']), view: r.pick(['满意', '满意', '基本满意']) },
    ];
    steps.forEach((fields, i) => {
      records.push(created(uuid(r), 'diary_step', station.id, t(), { ...fields, date: after(date, 1 + 3 * i), diary }));
      stepCount++;
    });
  }
  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    station,
    lines: records.map((rec) => JSON.stringify(rec)),
    kinds: records.map((rec) => rec.k),
    expected: { org: villages + 1, member: members, household: households, diary: diaries, diary_step: stepCount },
  };
}
