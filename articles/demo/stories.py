"""Demo press releases, written for Humas Newsroom in the shape of real Humas releases.

Each topic is a template filled in per unit: dateline, weekday and date in the Indonesian
press style "Selasa (15/7/2025)", subheadings, hashtags, credits and reporter initials.
"""

TOPICS = [
    {
        "key": "kesehatan-jiwa",
        "category": "kesehatan",
        "partners": ["kementerian-kesehatan"],
        "tags": ["kolaborasi", "kesehatanjiwa", "polrihumanis"],
        "title": "{unit} dan {partner_short} Perkuat Kolaborasi Layanan Kesehatan Jiwa",
        "lead": "{unit} menggelar pertemuan dengan {partner_short} untuk menyelaraskan penanganan warga dengan gangguan kesehatan jiwa di {city_title}.",
        "body": [
            "Pertemuan koordinasi antara {unit} dan perwakilan {partner} berlangsung di aula markas pada {weekday} ({date}). Kedua pihak membahas alur rujukan bagi warga yang mengalami krisis kejiwaan di ruang publik.",
            "Kapolres {officer} menyampaikan bahwa petugas di lapangan kerap menjadi pihak pertama yang menemui warga dalam kondisi krisis. Karena itu, menurutnya, petugas perlu dibekali cara berkomunikasi yang menenangkan dan jalur rujukan yang jelas.",
            "## Pelatihan bagi Bhabinkamtibmas",
            "Dalam kesempatan itu disepakati pelatihan pertolongan pertama psikologis bagi para Bhabinkamtibmas. Pelatihan direncanakan berlangsung bertahap di setiap kecamatan mulai bulan depan.",
            "“Kami ingin setiap anggota tahu kapan harus menenangkan, kapan harus merujuk, dan ke mana harus menghubungi tenaga kesehatan,” kata {officer}.",
            "Perwakilan {partner_short} menyambut baik langkah tersebut dan berjanji menyiapkan materi serta narasumber dari puskesmas setempat.",
        ],
    },
    {
        "key": "operasi-zebra",
        "category": "lalu-lintas",
        "partners": ["dishub"],
        "tags": ["operasizebra", "tertiblalulintas", "keselamatanjalan"],
        "title": "Operasi Zebra Hari Pertama, {unit} Tegur Ratusan Pengendara",
        "lead": "Hari pertama Operasi Zebra di wilayah {unit} diisi dengan teguran simpatik dan pembagian helm bagi pengendara di {city_title}.",
        "body": [
            "Satuan Lalu Lintas {unit} bersama {partner_short} memulai Operasi Zebra pada {weekday} ({date}) dengan menyasar simpang-simpang padat di pusat kota.",
            "Petugas mengutamakan teguran simpatik. Pengendara yang tidak memakai helm diberi helm gratis, sementara pengemudi yang melawan arus diminta berputar dan diberi penjelasan tentang bahayanya.",
            "## Fokus pada pelajar",
            "Kasat Lantas menyebut pelajar di bawah umur yang mengendarai sepeda motor menjadi perhatian khusus. Sekolah-sekolah akan dikunjungi untuk sosialisasi keselamatan berkendara selama operasi berlangsung.",
            "“Tujuan kami bukan menilang sebanyak-banyaknya, tetapi mengurangi kecelakaan,” ujarnya.",
            "Operasi Zebra berlangsung selama dua pekan. Masyarakat diimbau melengkapi surat kendaraan dan mematuhi rambu.",
        ],
    },
    {
        "key": "narkoba",
        "category": "narkoba",
        "partners": ["bnn"],
        "tags": ["berantasnarkoba", "bnn", "polripresisi"],
        "title": "{unit} Bersama {partner_short} Ungkap Peredaran Sabu Jaringan Antarkota",
        "lead": "Satresnarkoba {unit} dan {partner_short} menangkap dua tersangka pengedar sabu di {city_title} setelah penyelidikan selama sebulan.",
        "body": [
            "Pengungkapan kasus disampaikan dalam konferensi pers di markas {unit} pada {weekday} ({date}). Dua tersangka berinisial AR dan MS ditangkap di sebuah rumah kontrakan.",
            "Dari tangan tersangka, petugas menyita paket sabu siap edar, timbangan digital dan telepon genggam yang diduga dipakai untuk bertransaksi.",
            "## Jaringan antarkota",
            "Penyidik menduga barang haram itu dikirim dari luar daerah melalui jasa ekspedisi. Penelusuran terhadap pengirim masih dilakukan bersama {partner}.",
            "“Kami tidak akan berhenti pada pengedar kecil. Pemasoknya akan kami kejar,” tegas {officer}.",
            "Kedua tersangka dijerat pasal peredaran narkotika dengan ancaman pidana penjara paling singkat lima tahun.",
        ],
    },
    {
        "key": "banjir",
        "category": "bencana-dan-sar",
        "partners": ["bpbd", "basarnas", "tni"],
        "tags": ["tanggapbencana", "banjir", "sinergitnipolri"],
        "title": "Banjir Rendam Permukiman, {unit} Evakuasi Warga Bersama {partner_short}",
        "lead": "Personel {unit} bersama {partner_short}, Basarnas dan TNI mengevakuasi warga yang terjebak banjir di {city_title}.",
        "body": [
            "Hujan deras sejak malam membuat sungai meluap dan merendam ratusan rumah pada {weekday} ({date}). Personel {unit} dikerahkan sejak dini hari menggunakan perahu karet.",
            "Warga lanjut usia, ibu hamil dan anak-anak dievakuasi lebih dulu ke posko pengungsian di gedung sekolah terdekat.",
            "## Dapur umum dan layanan kesehatan",
            "Selain evakuasi, polisi mendirikan dapur umum bersama TNI dan relawan. Tim kesehatan memeriksa pengungsi yang mengeluh demam dan gatal-gatal.",
            "“Keselamatan warga adalah yang utama. Kami siaga dua puluh empat jam sampai air surut,” kata {officer}.",
            "{partner_short} mencatat ketinggian air mulai turun menjelang sore, namun warga diminta tetap waspada terhadap banjir susulan.",
        ],
    },
    {
        "key": "jumat-curhat",
        "category": "kamtibmas",
        "partners": [],
        "tags": ["jumatcurhat", "kamtibmas", "polrimengayomi"],
        "title": "Jumat Curhat, Warga {city_title} Sampaikan Keluhan Parkir Liar kepada {unit}",
        "lead": "Dalam kegiatan Jumat Curhat, warga menyampaikan langsung keluhan soal parkir liar dan balap liar kepada jajaran {unit}.",
        "body": [
            "Kegiatan Jumat Curhat digelar di balai warga pada {weekday} ({date}) dan dihadiri tokoh masyarakat, ketua RT dan RW, serta pemuda setempat.",
            "Sejumlah warga mengeluhkan parkir liar yang mempersempit jalan di depan pasar, juga balap liar yang kerap terjadi menjelang subuh.",
            "## Patroli ditingkatkan",
            "Menanggapi keluhan itu, {officer} memerintahkan patroli gabungan pada jam-jam rawan dan meminta Bhabinkamtibmas berkoordinasi dengan pengelola pasar.",
            "“Masukan warga adalah bahan kerja kami. Kalau ada gangguan, jangan ragu melapor,” ujarnya.",
        ],
    },
    {
        "key": "rutan",
        "category": "berita-polisi",
        "partners": ["rutan-kelas-i-palembang"],
        "tags": ["sinergi", "pemasyarakatan", "razia"],
        "title": "{unit} dan {partner_short} Gelar Razia Gabungan Blok Hunian",
        "lead": "{unit} bersama petugas {partner_short} menggeledah blok hunian untuk mencegah peredaran barang terlarang.",
        "body": [
            "Razia gabungan dimulai pukul 21.00 waktu setempat pada {weekday} ({date}) dan menyasar seluruh kamar di dua blok hunian.",
            "Petugas menemukan telepon genggam, pengisi daya, dan senjata tajam rakitan yang langsung diamankan untuk dimusnahkan.",
            "## Pencegahan berkelanjutan",
            "Kepala {partner} menyatakan razia akan digelar rutin tanpa jadwal agar tidak bocor. Warga binaan juga diberi penyuluhan tentang bahaya narkoba.",
            "{officer} menambahkan, kerja sama ini bagian dari upaya memutus kendali jaringan kejahatan dari balik jeruji.",
        ],
    },
    {
        "key": "vaksinasi",
        "category": "kesehatan",
        "partners": ["dinkes-kepulauan-bangka-belitung"],
        "tags": ["polripeduli", "kesehatan", "bakesos"],
        "title": "Bakti Kesehatan {unit}: Ratusan Warga Ikuti Pemeriksaan Gratis",
        "lead": "{unit} menggelar bakti kesehatan bersama {partner_short}: pemeriksaan tekanan darah, gula darah dan imunisasi anak.",
        "body": [
            "Bakti kesehatan berlangsung di lapangan kantor kelurahan pada {weekday} ({date}) sejak pukul 08.00 pagi.",
            "Dokter dari Biddokkes dan tenaga kesehatan {partner_short} memeriksa warga secara bergantian. Anak balita juga mendapat imunisasi lanjutan.",
            "## Menjangkau warga pesisir",
            "Lokasi kegiatan dipilih karena banyak warga pesisir yang jauh dari fasilitas kesehatan. Polisi menyediakan kendaraan antar-jemput bagi warga lanjut usia.",
            "“Kami hadir bukan hanya saat ada masalah keamanan, tetapi juga saat warga butuh layanan,” kata {officer}.",
        ],
    },
    {
        "key": "pengamanan-pemilu",
        "category": "kamtibmas",
        "partners": ["kemenko-polkam", "tni"],
        "tags": ["pemiludamai", "sinergitnipolri", "kamtibmas"],
        "title": "Rakor Lintas Sektor, {unit} Petakan Kerawanan Jelang Pilkada",
        "lead": "{unit} menggelar rapat koordinasi lintas sektor bersama {partner_short} dan TNI untuk memetakan titik rawan menjelang pilkada.",
        "body": [
            "Rapat koordinasi digelar pada {weekday} ({date}) dan diikuti unsur pemerintah daerah, penyelenggara pemilu, TNI dan tokoh agama.",
            "Peserta rapat memetakan tempat pemungutan suara yang sulit dijangkau dan wilayah dengan riwayat konflik pada pemilihan sebelumnya.",
            "## Satu komando pengamanan",
            "1. Pembagian sektor pengamanan antara Polri dan TNI.",
            "2. Patroli siber terhadap hoaks dan ujaran kebencian.",
            "3. Jalur komunikasi cepat dengan penyelenggara pemilu.",
            "“Pilkada harus berlangsung aman dan damai. Itu tanggung jawab kita bersama,” kata {officer}.",
        ],
    },
    {
        "key": "kampus",
        "category": "berita-polisi",
        "partners": ["universitas-nusantara-raya"],
        "tags": ["polrisahabatmahasiswa", "literasidigital", "antihoaks"],
        "title": "{unit} Ajak Mahasiswa {partner_short} Melawan Hoaks dan Penipuan Daring",
        "lead": "Kuliah umum {unit} di {partner_short} membahas modus penipuan daring dan cara memeriksa kebenaran informasi.",
        "body": [
            "Ratusan mahasiswa mengikuti kuliah umum yang digelar pada {weekday} ({date}) di auditorium kampus {partner}.",
            "Narasumber dari Satreskrim menjelaskan modus yang sering dilaporkan warga: tautan undangan palsu, pinjaman daring ilegal dan penipuan berkedok kurir paket.",
            "## Kenali, tahan, laporkan",
            "Mahasiswa diajak menahan diri sebelum membagikan pesan berantai dan memeriksa sumber berita melalui kanal resmi.",
            "“Mahasiswa bisa menjadi garda depan literasi digital di keluarga masing-masing,” ujar {officer}.",
        ],
    },
]

# Officers quoted in the demo (invented names).
OFFICERS = [
    "AKBP Hendra Saputra",
    "Kombes Pol Wahyu Pratama",
    "AKBP Yusuf Ramadhan",
    "AKBP Made Suartika",
    "Kombes Pol Benny Tanjung",
    "AKBP Ronald Mayor",
]

INITIALS = ["(LS)", "(dkd)", "(AH)", "(YW)", "(rk)", "(SW)"]
PHOTOGRAPHERS = ["Tim Dokumentasi Humas", "Bripka Dimas Arya", "Brigpol Nurul Fitri"]

COMMENTS = [
    "Mantap, terima kasih Pak Polisi atas kerja kerasnya.",
    "Semoga kegiatan seperti ini rutin diadakan di kampung kami juga.",
    "Mohon info, apakah warga dari kecamatan lain boleh ikut?",
    "Sangat bermanfaat. Saya bagikan ke grup keluarga.",
    "Patroli malam di jalan raya juga tolong ditambah, Pak.",
    "Informasi yang jelas, terima kasih Humas.",
]
