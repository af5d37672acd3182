// npm run bench [-- --customers=N --visits=N --orders=N --import-orders=N]: every benchmark in turn, each on its own SQLite file.
console.log("== /customer find and show ==");
await import("./customer-find.js");
console.log("\n== follow-ups and visits ==");
await import("./followups.js");
console.log("\n== CSV import and ABC segmentation ==");
await import("./import-abc.js");
console.log("\n== early-warning sweep ==");
await import("./sweep.js");
