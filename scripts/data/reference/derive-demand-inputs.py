#!/usr/bin/env python3
"""Derives demand-inputs.json (population by sex x 5-year band, admission rates, scheduled shares,
resource-intensity phases) from the public figures written below and in demand-inputs.md.

Dev-time only; nothing in the project runs it. Python 3.9+ with PyYAML. Usage:

    python3 scripts/data/reference/derive-demand-inputs.py <ecitizen-legacy-dir> [--check]

<ecitizen-legacy-dir> is data/legacy/App_Data/Population2015 of a clone of the public repository
github.com/aiseed-dev/ecitizen (the files are in its commit 21a7923e844cf650d9fbd9ebe86e644b926e365f).
Its CityM/CityF/PrefM/PrefF pp{code}.json files hold IPSS's 平成30年推計 (2018) municipal and
prefectural projections by sex and 5-year band, 2015 (census) to 2045; they give the sex and
5-year shape inside each broad age group. The broad groups themselves come from IPSS's 令和5年推計
(2023), written below. Every choice is explained in demand-inputs.md.
"""
import json
import math
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
OUT = HERE / "demand-inputs.json"

BANDS = ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
         "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"]
# broad groups of IPSS 結果表 2_1..2_3 (0-14, 15-64, 65+) as band index ranges
IPSS_GROUPS = [range(0, 3), range(3, 13), range(13, 19)]
# broad groups of conditions.md (0-14, 15-64, 65-74, 75+)
COND_GROUPS = [range(0, 3), range(3, 13), range(13, 15), range(15, 19)]
YEARS = [2020, 2025, 2030, 2035, 2040]
IPSS_YEARS = [2020, 2025, 2030, 2035, 2040, 2045, 2050]
H30_YEARS = [2015, 2020, 2025, 2030, 2035, 2040, 2045]

# --- [Vr] IPSS 日本の地域別将来推計人口(令和5年推計), 結果表1 and 2_1..2_3: [total, 0-14, 15-64, 65+]
# for 2020 (census, 不詳補完値), 2025 ... 2050, as compiled from the IPSS workbooks in
# github.com/kkoch5t2/data-platform public/data/municipality-population-projections.json
# (commit 19d956a78c573ba4f4774fe2f9d6d35a09876def). Units sum to the prefecture row in every year
# and the wards to Sendai city (checked below).
IPSS2023 = {
    "04000": [[2301996, 268931, 1385425, 647640], [2238723, 240971, 1331933, 665819], [2172047, 212949, 1282071, 677027], [2097403, 195718, 1214737, 686948], [2014339, 186922, 1113482, 713935], [1923846, 177876, 1021362, 724608], [1829565, 165421, 943919, 720225]],
    "04100": [[1096704, 128995, 703907, 263802], [1097004, 121244, 700715, 275045], [1090319, 111340, 688347, 290632], [1076945, 105394, 661596, 309955], [1056113, 102568, 615851, 337694], [1029157, 99049, 576742, 353366], [998832, 93507, 545148, 360177]],
    "04101": [[311590, 33769, 206004, 71817], [316178, 31885, 207882, 76411], [316827, 29906, 205417, 81504], [314987, 28955, 198536, 87496], [310172, 28389, 186513, 95270], [303072, 27456, 175844, 99772], [295315, 25941, 167621, 101753]],
    "04102": [[196732, 24083, 130469, 42180], [193585, 22056, 129491, 42038], [193665, 20407, 128362, 44896], [192696, 19684, 124109, 48903], [190496, 19293, 116383, 54820], [186892, 18703, 109738, 58451], [182128, 17686, 104061, 60381]],
    "04103": [[141475, 16924, 92888, 31663], [143747, 16918, 94809, 32020], [143469, 15714, 93868, 33887], [142337, 14848, 91129, 36360], [140302, 14331, 85569, 40402], [137423, 13755, 80428, 43240], [133922, 12973, 76105, 44844]],
    "04104": [[234758, 29411, 145584, 59763], [238726, 28654, 147597, 62475], [236241, 26104, 144744, 65393], [232913, 24150, 139359, 69404], [228334, 23451, 129418, 75465], [222818, 22696, 121129, 78993], [216743, 21500, 114350, 80893]],
    "04105": [[212149, 24808, 128962, 58379], [204768, 21731, 120936, 62101], [200117, 19209, 115956, 64952], [194012, 17757, 108463, 67792], [186809, 17104, 97968, 71737], [178952, 16439, 89603, 72910], [170724, 15407, 83011, 72306]],
    "04202": [[140151, 14621, 78491, 47039], [131404, 12286, 72430, 46688], [122272, 10149, 66752, 45371], [113200, 8816, 60702, 43682], [104232, 7997, 53551, 42684], [95386, 7115, 46962, 41309], [86785, 6125, 41515, 39145]],
    "04203": [[52203, 5411, 28991, 17801], [49586, 4879, 26832, 17875], [46782, 4268, 24953, 17561], [43816, 3768, 22952, 17096], [40766, 3418, 20390, 16958], [37726, 3084, 18201, 16441], [34782, 2761, 16233, 15788]],
    "04205": [[61147, 5431, 32103, 23613], [55910, 4418, 28449, 23043], [50682, 3581, 25095, 22006], [45611, 3011, 21797, 20803], [40771, 2666, 18400, 19705], [36182, 2299, 15658, 18225], [31848, 1883, 13555, 16410]],
    "04206": [[32758, 3308, 17740, 11710], [29815, 2642, 15525, 11648], [27580, 2108, 13980, 11492], [25342, 1695, 12576, 11071], [23085, 1511, 10851, 10723], [20841, 1353, 9217, 10271], [18669, 1199, 7771, 9699]],
    "04207": [[78718, 11898, 48726, 18094], [78057, 11015, 47573, 19469], [78883, 10346, 47732, 20805], [79138, 10177, 46914, 22047], [78952, 10116, 44834, 24002], [78322, 10112, 42822, 25388], [77071, 9822, 40945, 26304]],
    "04208": [[27976, 2912, 15041, 10023], [26044, 2188, 13694, 10162], [24162, 1732, 12436, 9994], [22299, 1452, 11300, 9547], [20403, 1307, 9695, 9401], [18470, 1161, 8224, 9085], [16575, 1001, 6974, 8600]],
    "04209": [[62827, 8192, 38848, 15787], [62254, 7656, 37651, 16947], [60685, 6603, 36691, 17391], [58808, 6005, 34871, 17932], [56680, 5796, 32023, 18861], [54383, 5589, 29564, 19230], [51958, 5232, 27422, 19304]],
    "04211": [[44068, 5856, 26414, 11798], [43186, 5072, 25743, 12371], [41990, 4355, 25141, 12494], [40677, 3964, 24032, 12681], [39254, 3838, 21994, 13422], [37682, 3701, 20168, 13813], [35985, 3464, 18697, 13824]],
    "04212": [[76037, 8348, 40666, 27023], [68708, 6764, 35001, 26943], [63390, 5410, 31864, 26116], [58371, 4451, 29492, 24428], [53522, 3969, 26299, 23254], [48629, 3594, 22556, 22479], [43781, 3183, 19114, 21484]],
    "04213": [[64637, 6265, 32041, 26331], [58876, 5061, 28055, 25760], [53281, 3949, 25259, 24073], [48121, 3286, 22944, 21891], [43261, 2902, 19996, 20363], [38486, 2562, 16943, 18981], [33929, 2175, 14234, 17520]],
    "04214": [[39098, 4820, 22690, 11588], [37264, 4154, 21164, 11946], [35469, 3570, 20103, 11796], [33561, 3195, 18796, 11570], [31528, 2966, 16955, 11607], [29463, 2736, 15119, 11608], [27332, 2430, 13470, 11432]],
    "04215": [[127330, 15032, 73442, 38856], [119096, 12455, 66955, 39686], [113030, 10345, 63029, 39656], [106897, 8953, 59147, 38797], [100619, 8300, 53326, 38993], [94082, 7753, 47319, 39010], [87340, 7095, 41895, 38350]],
    "04216": [[51651, 8493, 31987, 11171], [51898, 7275, 32181, 12442], [51287, 6297, 31556, 13434], [50393, 5928, 29777, 14688], [49407, 5806, 27204, 16397], [48297, 5691, 25182, 17424], [46867, 5401, 23703, 17763]],
    "04301": [[11418, 1169, 5871, 4378], [10664, 984, 5245, 4435], [9932, 804, 4756, 4372], [9195, 685, 4278, 4232], [8448, 604, 3791, 4053], [7681, 537, 3293, 3851], [6916, 467, 2810, 3639]],
    "04302": [[1262, 90, 589, 583], [1097, 76, 516, 505], [970, 62, 445, 463], [864, 54, 402, 408], [767, 47, 358, 362], [684, 41, 316, 327], [599, 33, 268, 298]],
    "04321": [[23571, 3032, 13987, 6552], [23191, 2696, 13633, 6862], [22722, 2410, 13339, 6973], [22165, 2253, 12765, 7147], [21528, 2170, 11800, 7558], [20788, 2091, 10927, 7770], [19966, 1968, 10177, 7821]],
    "04322": [[10666, 1080, 5797, 3789], [9738, 842, 5032, 3864], [9053, 647, 4638, 3768], [8350, 538, 4190, 3622], [7642, 468, 3622, 3552], [6911, 414, 3083, 3414], [6200, 363, 2584, 3253]],
    "04323": [[38271, 4376, 22796, 11099], [37242, 3719, 22070, 11453], [35795, 3242, 21141, 11412], [34125, 2914, 19942, 11269], [32288, 2761, 18026, 11501], [30383, 2594, 16261, 11528], [28553, 2369, 14769, 11415]],
    "04324": [[8345, 732, 4394, 3219], [7686, 583, 3818, 3285], [7029, 456, 3424, 3149], [6393, 388, 3038, 2967], [5776, 336, 2605, 2835], [5134, 285, 2210, 2639], [4525, 236, 1795, 2494]],
    "04341": [[12262, 1063, 5894, 5305], [10406, 771, 4611, 5024], [9159, 544, 3959, 4656], [7998, 392, 3380, 4226], [6921, 311, 2815, 3795], [5904, 258, 2224, 3422], [4974, 216, 1670, 3088]],
    "04361": [[33087, 3790, 18865, 10432], [32235, 3318, 17859, 11058], [30840, 2826, 17062, 10952], [29282, 2474, 15973, 10835], [27599, 2288, 14271, 11040], [25866, 2110, 12678, 11078], [24117, 1914, 11359, 10844]],
    "04362": [[12046, 1074, 6028, 4944], [11563, 1039, 5504, 5020], [10887, 911, 5152, 4824], [10151, 766, 4898, 4487], [9395, 713, 4390, 4292], [8624, 660, 3883, 4081], [7911, 611, 3411, 3889]],
    "04401": [[13323, 1221, 6886, 5216], [12354, 1053, 6156, 5145], [11398, 894, 5502, 5002], [10434, 758, 4873, 4803], [9479, 665, 4251, 4563], [8557, 600, 3594, 4363], [7674, 539, 3057, 4078]],
    "04404": [[18132, 1949, 10534, 5649], [17142, 1612, 9509, 6021], [16045, 1379, 8558, 6108], [14876, 1181, 7589, 6106], [13669, 1053, 6546, 6070], [12456, 926, 5684, 5846], [11250, 800, 4951, 5499]],
    "04406": [[35182, 5062, 21439, 8681], [35141, 4566, 20678, 9897], [34675, 4161, 19847, 10667], [33990, 3854, 19175, 10961], [33057, 3685, 17802, 11570], [31924, 3526, 16497, 11901], [30650, 3315, 15449, 11886]],
    "04421": [[28786, 4123, 18121, 6542], [28949, 3784, 18367, 6798], [28856, 3404, 18444, 7008], [28631, 3348, 18112, 7171], [28283, 3278, 17271, 7734], [27731, 3186, 16269, 8276], [26953, 3014, 15377, 8562]],
    "04422": [[7813, 863, 3930, 3020], [7228, 723, 3473, 3032], [6602, 552, 3163, 2887], [6006, 467, 2857, 2682], [5437, 392, 2501, 2544], [4851, 340, 2071, 2440], [4278, 295, 1673, 2310]],
    "04424": [[5849, 871, 3268, 1710], [5890, 880, 3238, 1772], [5910, 829, 3299, 1782], [5903, 789, 3391, 1723], [5862, 774, 3302, 1786], [5797, 765, 3153, 1879], [5697, 741, 3034, 1922]],
    "04444": [[6698, 783, 3569, 2346], [6232, 656, 3189, 2387], [5762, 549, 2880, 2333], [5314, 472, 2639, 2203], [4879, 429, 2350, 2100], [4417, 392, 2027, 1998], [3954, 346, 1700, 1908]],
    "04445": [[21943, 2327, 11475, 8141], [20095, 1843, 10163, 8089], [18317, 1457, 9133, 7727], [16610, 1212, 8226, 7172], [14956, 1070, 7150, 6736], [13350, 941, 6115, 6294], [11808, 807, 5180, 5821]],
    "04501": [[15388, 1471, 8119, 5798], [13646, 1098, 6727, 5821], [12451, 802, 6116, 5533], [11267, 639, 5554, 5074], [10120, 548, 4820, 4752], [8979, 477, 4025, 4477], [7895, 418, 3304, 4173]],
    "04505": [[23994, 2628, 12813, 8553], [22587, 2291, 11659, 8637], [21292, 1882, 11042, 8368], [19938, 1550, 10410, 7978], [18554, 1422, 9304, 7828], [17138, 1317, 8080, 7741], [15734, 1200, 7091, 7443]],
    "04581": [[6430, 521, 3572, 2337], [5743, 445, 3169, 2129], [5102, 379, 2830, 1893], [4510, 321, 2512, 1677], [3972, 281, 2176, 1515], [3495, 241, 1889, 1365], [3062, 199, 1635, 1228]],
    "04606": [[12225, 1124, 6391, 4710], [10792, 883, 5349, 4560], [9438, 706, 4403, 4329], [8222, 568, 3637, 4017], [7114, 467, 2962, 3685], [6070, 376, 2406, 3288], [5095, 292, 1949, 2854]],
}
WARDS = ["04101", "04102", "04103", "04104", "04105"]

# --- [V] 令和2年国勢調査 via sendai-podcast.jp (県 and 仙台市 2020 確定値)
MIYAGI_2020_SEX = {"male": 1122598, "female": 1179398}

# --- [Vr] 2020 census, Japan, by sex and 5-year band (0-4 .. 85+, age known), e-Stat via
# github.com/kota-tagami/JLSTAT-table Population/Table/pyramid_total.csv
NATIONAL_2020_AGE_KNOWN = {
    "male": [2311189, 2606651, 2742131, 2880029, 3017869, 3074087, 3297031, 3696855, 4189446, 4862990,
             4277003, 3865303, 3592903, 3910060, 4249286, 3092860, 2196093, 1896652],
    "female": [2204893, 2482442, 2608386, 2737411, 2913437, 2957877, 3187563, 3614712, 4101631, 4787303,
               4262848, 3902179, 3704287, 4165208, 4762509, 3838068, 3100635, 4124434],
}
# [Vr] 2020 census totals incl. unknown age (e-Stat table mirrored in a public repository): 126,146,099
NATIONAL_2020_SEX = {"male": 61349581, "female": 64796518}

# --- [V] 患者調査 平成17年 表9 入院受療率 (per 100k, patients in hospital on the survey day), by sex;
# 0 and 1-4 are merged into 0-4 as (1 x rate0 + 4 x rate1-4) / 5 [D]
R2005 = {
    "total": [(1039 + 4 * 201) / 5, 113, 110, 133, 212, 298, 345, 375, 436, 570, 807, 1036, 1344, 1772,
              2501, 3521, 5185, 7844, 12000],
    "male": [(1056 + 4 * 237) / 5, 131, 119, 144, 186, 232, 288, 381, 497, 665, 966, 1254, 1633, 2098,
             2874, 3860, 5115, 7188, 10462],
    "female": [(1022 + 4 * 164) / 5, 95, 99, 121, 239, 365, 404, 368, 374, 475, 649, 822, 1070, 1475,
               2185, 3266, 5225, 8125, 12480],
}

# --- conditions.md "Proposed defaults": admissions per 100k per year, 0-14 / 15-64 / 65-74 / 75+ [E]
BROAD_RATES = {
    "stroke": [2, 60, 400, 900],
    "ami": [0, 30, 120, 150],
    "hip-fracture": [0, 5, 100, 900],
    "pneumonia": [250, 100, 500, 2200],
    "heart-failure": [1, 25, 180, 1250],
    "cancer": [60, 1000, 5000, 6000],
}
ALL_CAUSE_BROAD = [6000, 6000, 18000, 34000]  # conditions.md [E], the frame "other-acute" completes

# --- [V] hip fracture incidence per 10,000 (2007), Minds guideline via conditions.md
HIP_MINDS = {"male": {"70s": 18, "80s": 61, "90+": 147}, "female": {"70s": 40, "80s": 157, "90+": 314}}
HIP_CASES_2017 = {"male": 44100, "female": 149300}  # [V] national survey, JBMR Plus 2021

# --- [V] 人口動態統計 2023 (概数): contributions of each 5-year band of mothers' age to the TFR 1.20
# (wic-net 15049/52); births per woman per year = contribution / 5
ASFR_2023 = {"15-19": 0.0082, "20-24": 0.0834, "25-29": 0.3246, "30-34": 0.4544, "35-39": 0.2651,
             "40-44": 0.0635, "45-49": 0.0021}
# [S] Miyagi TFR 2018 1.30 (河北新報 2019-07-29) and [V] national TFR 2018 1.42 (same wic-net table)
MIYAGI_TFR_RATIO = 1.30 / 1.42

# [E] sex ratio (male rate / female rate at the same age) where no fitted target exists
SEX_RATIO = {"stroke": 1.4, "pneumonia": 1.5, "heart-failure": 1.2, "other-acute": 1.1}
# [V] Miyagi AMI Registry 1985-2014: 19,818 of 27,220 patients male
AMI_MALE_SHARE = 19818 / 27220
# [V] JAMIR 2011-13: 24 % of AMI patients aged >= 80
AMI_SHARE_80PLUS = 0.24
# [V, chart OCR] 患者調査 2020 表5 入院受療率 悪性新生物: male 106, female 74 per 100k
CANCER_RATE_2020 = {"male": 106, "female": 74}
# [E] cancer admissions inside 75+: relative to 75-79 (surgery and chemotherapy fall at the oldest ages)
CANCER_OLD_PROFILE = [1.0, 0.9, 0.65, 0.35]

# --- [V] 2020 census by sex and band as shown by jp.gdfreak.com (section 6, 2020年の人口ピラミッド);
# only the rows visible in the stored page excerpts (七ヶ宿町 to 90-94, 丸森町 to 70-74)
GDFREAK_2020 = {
    "04302": {"male": [16, 13, 19, 31, 22, 19, 31, 35, 30, 30, 26, 52, 50, 61, 48, 43, 35, 33],
              "female": [9, 18, 15, 31, 20, 19, 17, 20, 23, 25, 33, 40, 35, 49, 55, 39, 61, 61]},
    "04341": {"male": [131, 196, 228, 233, 220, 193, 231, 327, 325, 338, 332, 401, 550, 675, 591],
              "female": [124, 177, 205, 207, 152, 131, 203, 283, 301, 286, 316, 363, 497, 616, 529]},
}

# --- [D] Miyagi all-cause admissions, (新入院+退院)/2, hospitals, 2023: miyagi-observed.md section 2
MIYAGI_ADMISSIONS_2023 = 279300
NATIONAL_ADMISSIONS_2023 = 15590000  # [V] 病院報告 統計表1

# ------------------------------------------------------------------------------------------------
# scheduled (予定入院) shares per condition [E]; other-acute is solved (see demand-inputs.md)
ORDINARY_VISIT_SHARE = {  # 来院時の状況 sense: 通常の受診 (not an emergency visit)
    "stroke": 0.10, "ami": 0.08, "hip-fracture": 0.15, "pneumonia": 0.35, "heart-failure": 0.35,
    "cancer": 0.93, "childbirth": 0.95,
}
BOOKABLE_SHARE = {  # can be put on a booking list with a date (予定入院 in the model's sense)
    "stroke": 0.03, "ami": 0.03, "hip-fracture": 0.05, "pneumonia": 0.0, "heart-failure": 0.05,
    "cancer": 0.90, "childbirth": 0.30,
}
# [D] target: share of inpatients present who came through an ordinary visit, general + long-term
# beds only (2011 来院時の状況 79.8 % of all inpatients; psychiatric inpatients assumed 95 % ordinary)
INPATIENTS_2011 = {"total": 1341.0, "ordinary": 1070.7, "emergency": 270.3, "ambulance": 138.6}
PSYCHIATRIC_INPATIENTS_2011 = 282.0  # [E] 精神及び行動の障害, 2011 (recalled; 236.6 k in 2020 [V])
PSYCHIATRIC_ORDINARY = 0.95  # [E]
OTHER_BOOKED_OF_ORDINARY = 0.7  # [E] share of other-acute ordinary-visit admissions booked ahead

# ------------------------------------------------------------------------------------------------
# Daily resource intensity (医療資源投入量, points/day without 入院基本料 and rehabilitation) [E].
# Segments run from the phase's first day: {"until": day or None (rest of stay), "points": ...}.
# "afterHighAcute" replaces "segments" when the patient steps down from the condition's high-acute
# phase (the first days' work-up or operation already happened there). "rule" overrides the points:
# kaifukuki = counted as recovery whatever the points (回復期リハ/地域包括), ryoyo = chronic (療養病床).
INTENSITY = {
    "stroke": {
        "stroke-unit": {"segments": [{"until": 2, "points": 7000}, {"until": None, "points": 3500}]},
        "acute": {
            "segments": [{"until": 2, "points": 1800}, {"until": 7, "points": 1000},
                         {"until": 12, "points": 650}, {"until": None, "points": 400}],
            "afterHighAcute": [{"until": 4, "points": 900}, {"until": 9, "points": 650},
                               {"until": None, "points": 400}],
        },
        "recovery": {"rule": "kaifukuki", "segments": [{"until": None, "points": 250}]},
        "long-term-care": {"rule": "ryoyo", "segments": [{"until": None, "points": 120}]},
    },
    "ami": {
        "ccu": {"segments": [{"until": 1, "points": 25000}, {"until": None, "points": 4000}]},
        "acute": {
            "segments": [{"until": 1, "points": 4000}, {"until": 4, "points": 1000},
                         {"until": 7, "points": 700}, {"until": None, "points": 400}],
            "afterHighAcute": [{"until": 3, "points": 1000}, {"until": 6, "points": 700},
                               {"until": None, "points": 400}],
        },
        "recovery": {"segments": [{"until": None, "points": 300}]},
        "long-term-care": {"rule": "ryoyo", "segments": [{"until": None, "points": 120}]},
    },
    "hip-fracture": {
        "post-operative": {"segments": [{"until": 1, "points": 20000}, {"until": None, "points": 3500}]},
        "acute": {
            "segments": [{"until": 2, "points": 1200}, {"until": 3, "points": 15000},
                         {"until": 7, "points": 800}, {"until": 14, "points": 450},
                         {"until": None, "points": 300}],
            "afterHighAcute": [{"until": 5, "points": 800}, {"until": 12, "points": 450},
                               {"until": None, "points": 300}],
        },
        "recovery": {"rule": "kaifukuki", "segments": [{"until": None, "points": 250}]},
        "long-term-care": {"rule": "ryoyo", "segments": [{"until": None, "points": 120}]},
    },
    "pneumonia": {
        "icu": {"segments": [{"until": 2, "points": 6000}, {"until": None, "points": 4000}]},
        "acute": {
            "segments": [{"until": 2, "points": 1300}, {"until": 7, "points": 700},
                         {"until": 12, "points": 450}, {"until": None, "points": 250}],
            "afterHighAcute": [{"until": 4, "points": 800}, {"until": 10, "points": 450},
                               {"until": None, "points": 250}],
        },
        "recovery": {"segments": [{"until": None, "points": 250}]},
        "long-term-care": {"rule": "ryoyo", "segments": [{"until": None, "points": 120}]},
    },
    "heart-failure": {
        "ccu": {"segments": [{"until": 1, "points": 6000}, {"until": None, "points": 3800}]},
        "acute": {
            "segments": [{"until": 2, "points": 1500}, {"until": 6, "points": 800},
                         {"until": 12, "points": 450}, {"until": None, "points": 280}],
            "afterHighAcute": [{"until": 4, "points": 700}, {"until": 10, "points": 450},
                               {"until": None, "points": 280}],
        },
        "recovery": {"segments": [{"until": None, "points": 250}]},
        "long-term-care": {"rule": "ryoyo", "segments": [{"until": None, "points": 120}]},
    },
    "cancer": {
        "surgical-high-acute": {"segments": [{"until": 1, "points": 30000}, {"until": 4, "points": 3200},
                                             {"until": None, "points": 1200}]},
        "acute": {
            "segments": [{"until": 1, "points": 4500}, {"until": 4, "points": 900},
                         {"until": 10, "points": 650}, {"until": None, "points": 350}],
            "afterHighAcute": [{"until": 3, "points": 900}, {"until": 8, "points": 650},
                               {"until": None, "points": 350}],
        },
        "recovery": {"segments": [{"until": None, "points": 250}]},
        "long-term-care": {"rule": "ryoyo", "segments": [{"until": None, "points": 150}]},
    },
    "childbirth": {
        "mficu": {"segments": [{"until": None, "points": 4000}]},
        "acute": {
            "segments": [{"until": 1, "points": 2500}, {"until": None, "points": 700}],
            "afterHighAcute": [{"until": None, "points": 700}],
        },
    },
    "other-acute": {
        "high-acute": {"segments": [{"until": 1, "points": 15000}, {"until": 4, "points": 3500},
                                    {"until": None, "points": 1200}]},
        "acute": {
            "segments": [{"until": 1, "points": 3200}, {"until": 4, "points": 900},
                         {"until": 8, "points": 650}, {"until": None, "points": 350}],
            "afterHighAcute": [{"until": 3, "points": 800}, {"until": 7, "points": 500},
                               {"until": None, "points": 300}],
        },
        "recovery": {"rule": "kaifukuki", "segments": [{"until": None, "points": 250}]},
        "long-term-care": {"rule": "ryoyo", "segments": [{"until": None, "points": 120}]},
    },
}
THRESHOLDS = {"highAcute": 3000, "acute": 600, "recovery": 225, "recoveryWithDischargeAdjustment": 175}
# [V] 2025 bed need of the prefectures' 地域医療構想 (jmedj 26799): high-acute 13.0, acute 40.1,
# recovery 37.5, chronic 28.4 万床; occupancy norms 0.75 / 0.78 / 0.90 / 0.92 (miyagi-reference.json)
NEED_2025 = {"highAcute": 13.0, "acute": 40.1, "recovery": 37.5, "chronic": 28.4}
OCCUPANCY = {"highAcute": 0.75, "acute": 0.78, "recovery": 0.90, "chronic": 0.92}


def largest_remainder(values, total):
    floors = [math.floor(v) for v in values]
    rest = total - sum(floors)
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))
    for i in order[:rest]:
        floors[i] += 1
    return floors


def read_rows(path):
    rows = json.loads(path.read_text(encoding="utf-8-sig"))
    return [r["Population"] for r in rows[1:]]  # 19 bands, one column per H30 year


def national_population_2020(legacy):
    """2020 census by sex x 19 bands: 85+ split by the 平成30年推計 2020 national shares, every band
    scaled so each sex sums to the census total including unknown age (unknowns spread pro rata)."""
    out = {}
    for sex, key in (("male", "PrefM"), ("female", "PrefF")):
        h30 = [0] * 19
        for p in range(1, 48):
            for i, row in enumerate(read_rows(legacy / key / f"pp{p:02d}.json")):
                h30[i] += row[1]
        known = NATIONAL_2020_AGE_KNOWN[sex]
        split = h30[17] / (h30[17] + h30[18])
        bands = known[:17] + [known[17] * split, known[17] * (1 - split)]
        scale = NATIONAL_2020_SEX[sex] / sum(bands)
        out[sex] = [b * scale for b in bands]
    return out


def derive_population(legacy, female_weight=1.0):
    """Each unit and year: IPSS 2023 broad groups [Vr], split by sex and 5-year band in the shape of
    the unit's 平成30年推計 for the same year [Vr] (Sendai's wards take the city's shape). The female
    half of every shape is weighted by female_weight, one prefecture-wide factor that makes the 2020
    prefecture sex totals equal the census (see main)."""
    munis = yaml.safe_load((REPO / "scenarios/data/miyagi/municipalities.yaml").read_text())["municipalities"]
    units = []
    for m in munis:
        code = m["id"]
        shape_code = "04100" if code in WARDS else code
        male = read_rows(legacy / "CityM" / f"pp{shape_code}.json")
        female = read_rows(legacy / "CityF" / f"pp{shape_code}.json")
        pop = {"male": {}, "female": {}}
        for year in YEARS:
            hy = H30_YEARS.index(year)
            anchor = IPSS2023[code][IPSS_YEARS.index(year)]
            m_out, f_out = [0] * 19, [0] * 19
            for g, idx in enumerate(IPSS_GROUPS):
                shape = [male[i][hy] for i in idx] + [female[i][hy] * female_weight for i in idx]
                target = anchor[g + 1]
                s = sum(shape)
                split = largest_remainder([v * target / s for v in shape], target)
                n = len(idx)
                for k, i in enumerate(idx):
                    m_out[i], f_out[i] = split[k], split[n + k]
            assert sum(m_out) + sum(f_out) == anchor[0], (code, year)
            pop["male"][str(year)], pop["female"][str(year)] = m_out, f_out
        assert m["population"]["2020"] is not None
        census = sum(m["population"]["2020"].values())
        assert census == IPSS2023[code][0][0], (code, census)  # 2020 totals equal the model's census
        units.append({
            "id": code, "name": m["name"]["ja"], "area": m["area"],
            "ipss2023": {str(y): IPSS2023[code][IPSS_YEARS.index(y)] for y in YEARS},
            "shapeFrom": shape_code, "male": pop["male"], "female": pop["female"],
        })
    return units


def group_scale(profile, sex_factor, broad, npop):
    rates = {"male": [0.0] * 19, "female": [0.0] * 19}
    for g, idx in enumerate(COND_GROUPS):
        pop_g = sum(npop[s][i] for s in rates for i in idx)
        weight = sum(profile[i] * sex_factor[s] * npop[s][i] for s in rates for i in idx)
        k = broad[g] * pop_g / weight if weight > 0 else 0.0
        for s in rates:
            for i in idx:
                rates[s][i] = k * profile[i] * sex_factor[s]
    return rates


SMOOTHING_ROUNDS = 12


def band_scaled_rates(profile, sex_factor, broad, npop):
    """rate(sex, band) = K_group x profile(band) x sex_factor(sex); K_group makes the national count of
    each conditions.md group equal broad[group] x national population of that group. Scaling groups
    separately leaves steps at 15, 65 and 75 (a 2005 in-patient profile against [E] group levels), so
    the adult profile (15+) is then smoothed in log space ([1, 2, 1] / 4, ends extrapolated linearly)
    and the groups rescaled, SMOOTHING_ROUNDS times: totals stay exact, steps shrink."""
    prof = list(profile)
    for _ in range(SMOOTHING_ROUNDS):
        eff = group_scale(prof, sex_factor, broad, npop)["female"]
        if sex_factor["female"] == 0 or any(eff[i] <= 0 for i in range(3, 19)):
            break
        la = [math.log(eff[i]) for i in range(3, 19)]
        ext = [2 * la[0] - la[1]] + la + [2 * la[-1] - la[-2]]
        sm = [(ext[k - 1] + 2 * ext[k] + ext[k + 1]) / 4 for k in range(1, len(ext) - 1)]
        prof = prof[:3] + [math.exp(v) for v in sm]
    return group_scale(prof, sex_factor, broad, npop)


def count(rates, npop, idx=range(19), sexes=("male", "female")):
    return sum(rates[s][i] * npop[s][i] / 1e5 for s in sexes for i in idx)


def bisect(f, lo, hi, target, n=80):
    for _ in range(n):
        mid = (lo + hi) / 2
        if (f(mid) < target) == (f(lo) < target):
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def derive_rates(npop):
    out, notes = {}, {}
    base = R2005["total"]
    for c in ("stroke", "pneumonia", "heart-failure"):
        out[c] = band_scaled_rates(base, {"male": SEX_RATIO[c], "female": 1.0}, BROAD_RATES[c], npop)

    # AMI: 2005 profile below 75; inside 75+ a geometric profile fitted to 24 % >= 80 [V]; the sex
    # ratio fitted to the registry's 72.8 % male [V]
    def ami(ratio, damp):
        prof = base[:15] + [base[15] * damp ** k for k in range(4)]
        return band_scaled_rates(prof, {"male": ratio, "female": 1.0}, BROAD_RATES["ami"], npop)

    ratio, damp = 2.0, 1.0
    for _ in range(30):
        ratio = bisect(lambda r: count(ami(r, damp), npop, sexes=("male",)) / count(ami(r, damp), npop),
                       0.5, 10, AMI_MALE_SHARE)
        damp = bisect(lambda d: count(ami(ratio, d), npop, idx=range(16, 19)) / count(ami(ratio, d), npop),
                      0.2, 3, AMI_SHARE_80PLUS)
    out["ami"] = ami(ratio, damp)
    notes["ami"] = {"sexRatioFitted": round(ratio, 3), "profileStepInside75plusFitted": round(damp, 3)}

    # cancer: 2005 profile below 75, CANCER_OLD_PROFILE inside 75+; male share of admissions = male
    # share of 2020 malignant-neoplasm inpatients [V]
    prof = base[:15] + [base[15] * f for f in CANCER_OLD_PROFILE]
    m_share = CANCER_RATE_2020["male"] * NATIONAL_2020_SEX["male"] / sum(
        CANCER_RATE_2020[s] * NATIONAL_2020_SEX[s] for s in CANCER_RATE_2020)
    r = bisect(lambda x: count(band_scaled_rates(prof, {"male": x, "female": 1.0}, BROAD_RATES["cancer"], npop),
                               npop, sexes=("male",)) /
               count(band_scaled_rates(prof, {"male": x, "female": 1.0}, BROAD_RATES["cancer"], npop), npop),
               0.3, 5, m_share)
    out["cancer"] = band_scaled_rates(prof, {"male": r, "female": 1.0}, BROAD_RATES["cancer"], npop)
    notes["cancer"] = {"sexRatioFitted": round(r, 3), "maleShareTarget": round(m_share, 4)}

    # hip fracture: Minds 2007 rates by sex [V] for 70+, split inside each decade geometrically and
    # extended below 70 by the same 5-year step as the 70s (floor 0.1/100k, none under 15); each sex
    # scaled to the 2017 national count [V]
    hip = {"male": [0.0] * 19, "female": [0.0] * 19}
    scale = {}
    for s in hip:
        r70, r80, r90 = (HIP_MINDS[s][k] * 10 for k in ("70s", "80s", "90+"))  # per 100k
        g7, g8 = math.sqrt(r80 / r70), math.sqrt(r90 / r80)
        raw = [0.0] * 19
        raw[14], raw[15] = r70 * 2 / (1 + g7), r70 * 2 * g7 / (1 + g7)
        raw[16], raw[17], raw[18] = r80 * 2 / (1 + g8), r80 * 2 * g8 / (1 + g8), r90
        for i in range(13, 2, -1):
            raw[i] = max(raw[i + 1] / g7, 0.1)
        scale[s] = HIP_CASES_2017[s] / sum(raw[i] * npop[s][i] / 1e5 for i in range(19))
        hip[s] = [v * scale[s] for v in raw]
    out["hip-fracture"] = hip
    notes["hip-fracture"] = {"scaleOfMinds2007ToCases2017": {s: round(v, 3) for s, v in scale.items()}}

    # childbirth: female 15-49, 2023 fertility [V] (national rates; Miyagi factor separate)
    cb = {"male": [0.0] * 19, "female": [0.0] * 19}
    for b, contrib in ASFR_2023.items():
        cb["female"][BANDS.index(b)] = contrib / 5 * 1e5
    out["childbirth"] = cb

    # other acute: all-cause frame minus the seven, per conditions.md group, spread with the 2005
    # profile and sex ratio 1.1 [E]
    other_broad = []
    for g, idx in enumerate(COND_GROUPS):
        pop_g = sum(npop[s][i] for s in npop for i in idx)
        seven = sum(count(out[c], npop, idx=idx) for c in out) * 1e5
        other_broad.append(ALL_CAUSE_BROAD[g] - seven / pop_g)
    out["other-acute"] = band_scaled_rates(base, {"male": SEX_RATIO["other-acute"], "female": 1.0},
                                           other_broad, npop)
    notes["other-acute"] = {"broadRatesDerived": [round(v, 1) for v in other_broad]}
    return out, notes


# ---------------------------------------------------------------------------------- stays and points
def lognormal_partial(mean, cv, d):
    """E[min(X, d)] for X lognormal with this mean and cv."""
    if d is None:
        return mean
    if d <= 0:
        return 0.0
    s2 = math.log(1 + cv * cv)
    s, mu = math.sqrt(s2), math.log(mean) - s2 / 2
    phi = lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2)))  # noqa: E731
    tail = mean * phi((mu + s2 - math.log(d)) / s) - d * phi((mu - math.log(d)) / s)
    return mean - tail


def classify(points, rule):
    if rule == "kaifukuki":
        return "recovery"
    if rule == "ryoyo":
        return "chronic"
    if points >= THRESHOLDS["highAcute"]:
        return "highAcute"
    if points >= THRESHOLDS["acute"]:
        return "acute"
    if points >= THRESHOLDS["recoveryWithDischargeAdjustment"]:
        return "recovery"
    return "homeCare"


def phase_visits(cond):
    """Expected number of entries into each phase per admission, split by whether the patient came
    from a high-acute phase of the same condition."""
    phases = {p["id"]: p for p in cond["phases"]}
    direct = {p: 0.0 for p in phases}
    after_ha = {p: 0.0 for p in phases}
    for e in cond["entry"]:
        direct[e["to"]] += e["p"]
    for pid in phases:  # phases are listed in flow order in conditions.yaml (no cycles)
        total = direct[pid] + after_ha[pid]
        for n in phases[pid]["next"]:
            if n["to"] in phases:
                if phases[pid]["function"] == "highAcute":
                    after_ha[n["to"]] += total * n["p"]
                else:
                    direct[n["to"]] += total * n["p"]
    return phases, direct, after_ha


def days_by_class(cid, cond):
    phases, direct, after_ha = phase_visits(cond)
    out = {k: 0.0 for k in ("highAcute", "acute", "recovery", "chronic", "homeCare")}
    per_phase = {}
    for pid, p in phases.items():
        spec = INTENSITY[cid][pid]
        mean, cv = p["stay"]["meanDays"], p["stay"]["cv"]
        for share, segs in ((direct[pid], spec["segments"]), (after_ha[pid], spec.get("afterHighAcute", spec["segments"]))):
            start = 0.0
            for seg in segs:
                d = lognormal_partial(mean, cv, seg["until"]) - lognormal_partial(mean, cv, start)
                cls = classify(seg["points"], spec.get("rule"))
                out[cls] += share * d
                per_phase.setdefault(pid, {}).setdefault(cls, 0.0)
                per_phase[pid][cls] += share * d
                start = seg["until"] if seg["until"] is not None else start
    return out, per_phase


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    legacy = Path(sys.argv[1])
    conditions = {c["id"]: c for c in yaml.safe_load(
        (REPO / "scenarios/data/miyagi/conditions.yaml").read_text())["conditions"]}

    # IPSS 2023: units sum to the prefecture, wards to the city
    for yi in range(len(IPSS_YEARS)):
        units = [c for c in IPSS2023 if c not in ("04000", "04100")]
        for k in range(4):
            assert sum(IPSS2023[c][yi][k] for c in units) == IPSS2023["04000"][yi][k]
            assert sum(IPSS2023[c][yi][k] for c in WARDS) == IPSS2023["04100"][yi][k]
        for c in IPSS2023:
            v = IPSS2023[c][yi]
            assert v[0] == v[1] + v[2] + v[3], (c, yi)

    npop = national_population_2020(legacy)
    female_weight = bisect(lambda w: sum(sum(u["male"]["2020"]) for u in derive_population(legacy, w)),
                           0.9, 1.1, MIYAGI_2020_SEX["male"], n=30)
    units = derive_population(legacy, female_weight)
    rates, rate_notes = derive_rates(npop)

    checks = {}
    # population checks
    for year in YEARS:
        y = str(year)
        checks[f"miyagi{year}"] = {
            "male": sum(sum(u["male"][y]) for u in units),
            "female": sum(sum(u["female"][y]) for u in units),
            "age75plus": sum(sum(u[s][y][15:]) for u in units for s in ("male", "female")),
        }
    checks["femaleShapeWeight"] = round(female_weight, 4)
    gd = {}
    for code, obs in GDFREAK_2020.items():
        u = next(x for x in units if x["id"] == code)
        pairs = [(u[s]["2020"][i], v) for s in obs for i, v in enumerate(obs[s])]
        gd[code] = {"bandsCompared": len(pairs),
                    "sumDerived": sum(a for a, _ in pairs), "sumCensus": sum(b for _, b in pairs),
                    "meanAbsDiffShareOfCensus": round(sum(abs(a - b) for a, b in pairs) / sum(b for _, b in pairs), 3)}
    checks["gdfreak2020"] = gd
    # national totals per condition
    nat = {c: round(count(rates[c], npop)) for c in rates}
    checks["nationalAdmissions2020Population"] = nat
    checks["nationalAdmissionsAllConditions"] = sum(nat.values())
    checks["nationalBroadRates"] = {
        c: [round(count(rates[c], npop, idx=idx) * 1e5 / sum(npop[s][i] for s in npop for i in idx), 1)
            for idx in COND_GROUPS] for c in rates}
    checks["nationalMaleShare"] = {c: round(count(rates[c], npop, sexes=("male",)) / max(count(rates[c], npop), 1e-9), 3)
                                   for c in rates}
    checks["amiShare80plus"] = round(count(rates["ami"], npop, idx=range(16, 19)) / count(rates["ami"], npop), 3)

    # Miyagi all-cause, national rates, 2020 and 2025 populations
    def miyagi_count(c, year):
        y = str(year)
        return sum(rates[c][s][i] * u[s][y][i] / 1e5 for u in units for s in ("male", "female") for i in range(19))

    miyagi = {str(y): {c: round(miyagi_count(c, y)) for c in rates} for y in YEARS}
    for y in miyagi:
        miyagi[y]["all"] = sum(miyagi[y].values())
    checks["miyagiAdmissionsAtNationalRates"] = miyagi
    expected_2023 = 0.4 * miyagi["2020"]["all"] + 0.6 * miyagi["2025"]["all"]
    national_ratio = NATIONAL_ADMISSIONS_2023 / checks["nationalAdmissionsAllConditions"]
    miyagi_factor = MIYAGI_ADMISSIONS_2023 / (expected_2023 * national_ratio)
    checks["miyagiAllCauseFactor"] = {
        "expected2023AtModelRates": round(expected_2023), "nationalObservedOverModel": round(national_ratio, 3),
        "factor": round(miyagi_factor, 3)}

    # scheduled shares. 来院時の状況 classifies each inpatient present by how they came to *this*
    # hospital, so days after a transfer (recovery and long-term phases, [E] all counted as transfers)
    # count as ordinary visits; the first hospital's days (high-acute and acute phases) count by the
    # condition's route. other-acute's share is solved so the stock share meets the target.
    days = {c: days_by_class(c, conditions[c]) for c in conditions}
    los = {c: sum(days[c][0].values()) for c in conditions}
    first = {c: sum(v for p, d in days[c][1].items() for v in d.values()
                    if next(q for q in conditions[c]["phases"] if q["id"] == p)["function"] in ("highAcute", "acute"))
             for c in conditions}
    non_psych_target = (INPATIENTS_2011["ordinary"] - PSYCHIATRIC_ORDINARY * PSYCHIATRIC_INPATIENTS_2011) / (
        INPATIENTS_2011["total"] - PSYCHIATRIC_INPATIENTS_2011)
    stock_total = sum(nat[c] * los[c] for c in conditions)
    later = sum(nat[c] * (los[c] - first[c]) for c in conditions)
    known = sum(ORDINARY_VISIT_SHARE[c] * nat[c] * first[c] for c in ORDINARY_VISIT_SHARE)
    other = (non_psych_target * stock_total - later - known) / (nat["other-acute"] * first["other-acute"])
    ordinary = dict(ORDINARY_VISIT_SHARE, **{"other-acute": round(other, 3)})
    flow_ordinary = sum(ordinary[c] * nat[c] for c in nat) / sum(nat.values())
    bookable_other = round(other * OTHER_BOOKED_OF_ORDINARY, 3)
    bookable = dict(BOOKABLE_SHARE, **{"other-acute": bookable_other})
    flow_bookable = sum(bookable[c] * nat[c] for c in nat) / sum(nat.values())
    ambulance = {c: conditions[c]["ambulanceShare"] for c in conditions}
    assert all(1 - ordinary[c] >= ambulance[c] for c in conditions), "emergency share below ambulance share"
    checks["scheduled"] = {
        "stockOrdinaryTargetNonPsychiatric": round(non_psych_target, 3),
        "meanDaysPerAdmission": {c: round(v, 1) for c, v in los.items()},
        "firstHospitalDaysPerAdmission": {c: round(v, 1) for c, v in first.items()},
        "admissionsOrdinaryShare": round(flow_ordinary, 3),
        "admissionsEmergencyShare": round(1 - flow_ordinary, 3),
        "admissionsAmbulanceShareModel": round(sum(ambulance[c] * nat[c] for c in nat) / sum(nat.values()), 3),
        "admissionsBookableShare": round(flow_bookable, 3),
    }

    # days by function (national, 2020 population, model stays)
    fn_days = {k: sum(nat[c] * days[c][0][k] for c in conditions) for k in days["stroke"][0]}
    general = fn_days["highAcute"] + fn_days["acute"] + fn_days["recovery"]
    need_days = {k: NEED_2025[k] * OCCUPANCY[k] for k in NEED_2025}
    need_general = need_days["highAcute"] + need_days["acute"] + need_days["recovery"]
    checks["functionDaysShare"] = {
        "model": {k: round(fn_days[k] / general, 3) for k in ("highAcute", "acute", "recovery")},
        "need2025": {k: round(need_days[k] / need_general, 3) for k in ("highAcute", "acute", "recovery")},
        "homeCareDaysShareOfAll": round(fn_days["homeCare"] / sum(fn_days.values()), 4),
    }
    # Miyagi beds implied, 2020 and 2040, national rates x all-cause factor, model stays
    beds = {}
    for y in ("2020", "2040"):
        d = {k: sum(miyagi[y][c] * miyagi_factor * days[c][0][k] for c in conditions) for k in fn_days}
        beds[y] = {k: round(d[k] / 365 / OCCUPANCY[k]) for k in OCCUPANCY}
        beds[y]["homeCarePatientsPerDay"] = round(d["homeCare"] / 365)
    checks["miyagiBedsAtNormOccupancy"] = beds

    intensity = {}
    for c in conditions:
        per = {k: round(v, 2) for k, v in days[c][0].items()}
        intensity[c] = {"phases": INTENSITY[c], "expectedDaysPerAdmission": per,
                        "byPhase": {p: {k: round(v, 2) for k, v in d.items()} for p, d in days[c][1].items()}}

    doc = {
        "meta": {
            "description": "Demand inputs for Miyagi (issue 15): population by sex and 5-year band per municipal unit, admission rates by condition, sex and band, scheduled shares, daily resource intensity by phase. Every figure's source, year and tag are in demand-inputs.md.",
            "derivedBy": "scripts/data/reference/derive-demand-inputs.py",
            "bands": BANDS,
            "years": YEARS,
            "tags": {"V": "read in a source", "Vr": "read in a public repository's copy of the named table",
                     "D": "derived by the stated method", "E": "estimate, reasoning in demand-inputs.md"},
        },
        "population": {
            "tag": "ipss2023 [Vr]; male/female [D]",
            "method": "IPSS 令和5年推計 broad groups (0-14, 15-64, 65+) per unit and year, split by sex and 5-year band in the shape of the unit's IPSS 平成30年推計 for the same year (Sendai wards: the city's shape); largest remainder keeps each group's total exact",
            "units": units,
        },
        "admissionRates": {
            "unit": "admissions per 100,000 population of that sex and band per year (national)",
            "tag": "[D] from [V] shapes and [E]/[V] levels; see demand-inputs.md per condition",
            "rates": {c: {s: [round(v, 1) for v in rates[c][s]] for s in ("male", "female")} for c in rates},
            "fits": rate_notes,
            "miyagiFactor": {
                "allConditions": round(miyagi_factor, 3),
                "childbirth": round(MIYAGI_TFR_RATIO, 3),
                "tag": "[D]/[E]",
            },
        },
        "scheduled": {
            "ordinaryVisitShare": ordinary,
            "bookableShare": bookable,
            "tag": "[E] per condition; other-acute [D] solved to the 来院時の状況 target",
        },
        "resourceIntensity": {
            "thresholds": THRESHOLDS,
            "unit": "医療資源投入量, points per day excluding 入院基本料 and rehabilitation",
            "tag": "[E]",
            "conditions": intensity,
        },
        "checks": checks,
    }
    # compact; `npx prettier --write scripts/data/reference/demand-inputs.json` lays it out afterwards
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    if "--check" in sys.argv:
        print(json.dumps(checks, ensure_ascii=False, indent=1))
        return
    OUT.write_text(text + "\n", encoding="utf-8")
    print(json.dumps(checks, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
